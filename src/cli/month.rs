//! `outlay month close|reopen|list`: month close (结账).

use clap::Subcommand;

use super::Context;
use super::output::{self, escape};
use crate::domain::Refusal;
use crate::error::Error;

#[derive(Subcommand, Debug)]
pub enum MonthCommand {
    /// Close a month (admin): entries dated in it are refused from then on
    Close {
        /// The month, e.g. 2021-06
        month: String,
    },
    /// Open a closed month again (admin; logged)
    Reopen {
        /// The month, e.g. 2021-06
        month: String,
    },
    /// The closed months
    List,
}

/// `2021-06` as a month of the ledger's year.
fn month_of(text: &str, year: crate::domain::FiscalYear) -> Result<u32, Refusal> {
    let (y, month) = crate::domain::parse_month(text).ok_or_else(|| {
        Refusal::field_in(
            "month",
            format!("'{}' is not a month (write e.g. 2021-06)", escape(text)),
            format!("“{}”不是月份（可写 2021-06）", escape(text)),
        )
    })?;
    if y == year.year() {
        Ok(month)
    } else {
        Err(Refusal::field_in(
            "month",
            format!("{} is outside fiscal year {year}", text.trim()),
            format!("{} 不在 {year} 预算年度内", text.trim()),
        ))
    }
}

pub fn run(command: MonthCommand, cx: &Context) -> Result<(), Error> {
    let ledger = cx.open()?;
    let year = ledger.year();
    match command {
        MonthCommand::Close { month } => {
            let m = month_of(&month, year)?;
            ledger.close_month(m)?;
            output::line(&format!(
                "{year}-{m:02} {}",
                cx.lang.pick("已结账", "closed")
            ))
        }
        MonthCommand::Reopen { month } => {
            let m = month_of(&month, year)?;
            ledger.reopen_month(m)?;
            output::line(&format!(
                "{year}-{m:02} {}",
                cx.lang.pick("已重新打开", "reopened")
            ))
        }
        MonthCommand::List => {
            for m in ledger.closed_months()? {
                output::line(&format!("{year}-{m:02}"))?;
            }
            Ok(())
        }
    }
}
