//! Month close (结账): a closed month takes no more entries; corrections go
//! in an open month. Closing and reopening are admin actions, logged.

use chrono::{Datelike, NaiveDate};

use super::LocalLedger;
use crate::domain::Refusal;
use crate::error::{Error, Result};
use crate::store::Writer;

const KEY: &str = "closed_months";

fn parse(stored: Option<String>) -> Vec<u32> {
    let mut months: Vec<u32> = stored
        .unwrap_or_default()
        .split(',')
        .filter_map(|m| m.trim().parse().ok())
        .collect();
    months.sort_unstable();
    months.dedup();
    months
}

fn check_month(month: u32) -> Result<()> {
    if (1..=12).contains(&month) {
        Ok(())
    } else {
        Err(Refusal::field_in(
            "month",
            format!("{month} is not a month (1–12)"),
            format!("{month} 不是月份（1–12）"),
        )
        .into())
    }
}

/// Refuses an entry dated in a closed month; part of every write that dates one.
pub(super) fn check_open(w: &Writer, date: NaiveDate) -> Result<()> {
    if parse(w.meta(KEY)?).contains(&date.month()) {
        let month = date.format("%Y-%m");
        return Err(Refusal::field_in(
            "date",
            format!(
                "{date} falls in {month}, which is closed; enter the correction in an open month"
            ),
            format!("{date} 所在的 {month} 已结账；更正请记入未结账的月份"),
        )
        .into());
    }
    Ok(())
}

impl LocalLedger {
    pub fn closed_months(&self) -> Result<Vec<u32>> {
        Ok(parse(self.store.read(|r| r.meta(KEY))?))
    }

    /// Closes a month of the year.
    pub fn close_month(&self, month: u32) -> Result<()> {
        self.set_month(month, true)
    }

    /// Logs that the year was closed (年终结转) into the next year's file.
    pub fn record_year_close(&self, into: String, lines: usize, instalments: usize) -> Result<()> {
        if into.chars().count() > 4096 || into.chars().any(char::is_control) {
            return Err(Refusal::field_in(
                "into",
                "must be a file path of at most 4096 characters, without control characters",
                "须为不超过 4096 个字符且不含控制字符的文件路径",
            )
            .into());
        }
        let year = self.year.to_string();
        let detail = format!(
            "{year} closed into {into}: {lines} carry-over lines, {instalments} unpaid instalments"
        );
        self.store.write(|w| {
            w.log(self.event("year.close", &year, detail.clone()))?;
            Ok::<_, Error>(())
        })
    }

    /// Opens a closed month again.
    pub fn reopen_month(&self, month: u32) -> Result<()> {
        self.set_month(month, false)
    }

    fn set_month(&self, month: u32, closed: bool) -> Result<()> {
        check_month(month)?;
        let label = format!("{}-{month:02}", self.year);
        self.store.write(|w| {
            let mut months = parse(w.meta(KEY)?);
            let was_closed = months.contains(&month);
            if closed == was_closed {
                let (en, zh) = if closed {
                    ("is already closed", "已结账")
                } else {
                    ("is not closed", "未结账")
                };
                return Err(Refusal::field_in(
                    "month",
                    format!("{label} {en}"),
                    format!("{label} {zh}"),
                )
                .into());
            }
            if closed {
                check_ended(self.year, month, crate::clock::today())?;
                months.push(month);
            } else {
                months.retain(|m| *m != month);
            }
            let stored: Vec<String> = months.iter().map(u32::to_string).collect();
            w.set_meta(KEY, &stored.join(","))?;
            let action = if closed {
                "month.close"
            } else {
                "month.reopen"
            };
            w.log(self.event(
                action,
                &label,
                format!("{label} {}", if closed { "closed" } else { "reopened" }),
            ))?;
            Ok::<_, Error>(())
        })
    }
}

/// A month is closed once it has come to its last day: closing October on
/// 30 September would refuse the payments still to come in it.
fn check_ended(year: crate::domain::FiscalYear, month: u32, today: NaiveDate) -> Result<()> {
    let Some(last) = year.month_end(month) else {
        return Ok(()); // check_month refused it already
    };
    if today >= last {
        return Ok(());
    }
    let label = format!("{year}-{month:02}");
    Err(Refusal::field_in(
        "month",
        format!("{label} has not ended (today is {today}): it can be closed from {last}"),
        format!("{label} 尚未结束（今天是 {today}），{last} 起才能结账"),
    )
    .into())
}
