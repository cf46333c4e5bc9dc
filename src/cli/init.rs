//! `outlay init` and `outlay demo`.

use clap::Args;

use super::report::render_table;
use super::{Context, output};
use crate::Ledger;
use crate::domain::{FiscalYear, Refusal};
use crate::error::Error;

#[derive(Args, Debug)]
pub struct InitArgs {
    /// The fiscal year, e.g. 2021
    #[arg(long, required_unless_present = "demo", conflicts_with = "demo")]
    pub year: Option<i32>,
    /// The department's name
    #[arg(long, required_unless_present = "demo", conflicts_with = "demo")]
    pub department: Option<String>,
    /// Fill the new ledger with the demo year (the seed report's 2021)
    #[arg(long)]
    pub demo: bool,
}

pub fn run(args: &InitArgs, cx: &Context) -> Result<(), Error> {
    let ledger = if args.demo {
        Ledger::create_demo(&cx.db, &cx.actor)?
    } else {
        let year = args.year.unwrap_or_default();
        let year = FiscalYear::new(year).ok_or_else(|| {
            let (first, last) = (FiscalYear::RANGE.start(), FiscalYear::RANGE.end());
            Refusal::field_in(
                "year",
                format!("{year} is not a fiscal year outlay can keep ({first}–{last})"),
                format!("{year} 不是 outlay 能记账的预算年度（{first}–{last}）"),
            )
        })?;
        Ledger::create(
            &cx.db,
            year,
            args.department.as_deref().unwrap_or_default(),
            &cx.actor,
        )?
    };
    let info = ledger.info()?;
    output::line(&format!(
        "{} {} · {} {} · {}",
        cx.lang.pick("已创建账本", "Created ledger"),
        cx.db.display(),
        info.department,
        info.year,
        cx.lang.pick("管理员", "admin").to_string() + ": " + &info.created_by
    ))?;
    Ok(())
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Print the execution report instead of opening the TUI
    #[arg(long)]
    pub print: bool,
}

/// Opens the TUI on a fresh demo ledger made in a temporary directory (gone
/// when outlay exits); prints its year-end report instead when asked to or
/// when not on a terminal.
pub fn demo(args: &DemoArgs, cx: &Context) -> Result<(), Error> {
    use std::io::IsTerminal;
    let dir = tempfile::tempdir().map_err(|e| crate::error::OutputError::TempDir {
        cause: e.to_string(),
    })?;
    let ledger = Ledger::create_demo(&dir.path().join("demo.redb"), &cx.actor)?;
    if !args.print && std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return crate::tui::run(ledger, cx.lang, cx.unit_chosen, cx.keymap.as_deref());
    }
    let report = ledger.report(Some(ledger.year().last_day()))?;
    output::text(&render_table(&report, &ledger.info()?.department, cx))?;
    Ok(())
}
