//! The close key on the Review tab: closing the reviewed month (结账), or
//! reopening it when closed. Both need an admin and are logged; the ledger
//! refuses a clerk, naming the role, and a month that has not ended.

use chrono::Datelike;

use super::App;
use crate::error::Result;
use crate::i18n::Lang;
use crate::tui::keymap::Action;

/// How far the presses for a month have come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Armed {
    month: u32,
    /// The user was told earlier months are still open.
    earlier_warned: bool,
}

impl App {
    /// One press of the close key, given the press before it (`armed`): the
    /// first asks, the next closes; when months before it are still open
    /// the second says which, and a third closes anyway.
    pub(super) fn close_or_reopen_month(&mut self, armed: Option<Armed>) -> Result<()> {
        let month = self.as_of.month();
        let year = self.as_of.year();
        let closed = self.data.review.as_ref().is_some_and(|r| r.closed);
        let (r, key) = (self.render, self.keymap.hint(Action::CloseMonth));
        let label = format!("{year}-{month:02}");
        let armed = armed.filter(|a| a.month == month);
        if !closed {
            let last = self.ledger.year().month_end(month).unwrap_or(self.as_of);
            let today = crate::clock::today();
            if today < last {
                self.warn(match r.lang {
                    Lang::Zh => format!("{label} 尚未结束（今天是 {today}），{last} 起才能结账。"),
                    Lang::En => format!(
                        "{label} has not ended (today is {today}): it can be closed from {last}."
                    ),
                });
                return Ok(());
            }
        }
        let Some(armed) = armed else {
            self.close_armed = Some(Armed {
                month,
                earlier_warned: false,
            });
            self.ask(match (r.lang, closed) {
                (Lang::Zh, false) => format!("{label} 结账？再按 {key} 确认，其他键取消"),
                (Lang::Zh, true) => format!("{label} 反结账？再按 {key} 确认，其他键取消"),
                (Lang::En, false) => {
                    format!("{label} close? Press {key} again to confirm, any other key cancels")
                }
                (Lang::En, true) => {
                    format!("{label} reopen? Press {key} again to confirm, any other key cancels")
                }
            });
            return Ok(());
        };
        if !closed && !armed.earlier_warned {
            let shut = self.ledger.closed_months()?;
            let open: Vec<String> = (1..month)
                .filter(|m| !shut.contains(m))
                .map(|m| format!("{m:02}"))
                .collect();
            if !open.is_empty() {
                self.close_armed = Some(Armed {
                    month,
                    earlier_warned: true,
                });
                let months = open.join(r.pick("、", ", "));
                self.ask(match r.lang {
                    Lang::Zh => format!(
                        "之前的月份尚未结账：{months} 月。仍要结账 {label}？再按 {key} 确认，其他键取消"
                    ),
                    Lang::En => format!(
                        "Earlier months are still open: {months}. Close {label} anyway? Press {key} again, any other key cancels"
                    ),
                });
                return Ok(());
            }
        }
        if closed {
            self.ledger.reopen_month(month)?;
        } else {
            self.ledger.close_month(month)?;
        }
        self.reload()?;
        self.tell(match (r.lang, closed) {
            (Lang::Zh, true) => format!("{label} 已反结账：可再录入该月的支付"),
            (Lang::Zh, false) => {
                format!("{label} 已结账：该月的支付将被拒绝，更正请记入未结账月份")
            }
            (Lang::En, true) => format!("{label} reopened: entries dated in it are taken again"),
            (Lang::En, false) => format!(
                "{label} closed: entries dated in it are refused; corrections go in an open month"
            ),
        });
        Ok(())
    }
}
