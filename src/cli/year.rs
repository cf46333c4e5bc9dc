//! `outlay year close --into NEXT_FILE [--carry CODE…]`: year close (年终结转).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{Context, output};
use crate::error::Error;

#[derive(Subcommand, Debug)]
pub enum YearCommand {
    /// Create the next year's ledger: marked lines' unspent money becomes carry-over lines
    Close(CloseArgs),
}

#[derive(Args, Debug)]
pub struct CloseArgs {
    /// The next year's ledger file (must not exist)
    #[arg(long)]
    pub into: PathBuf,
    /// A line whose unspent money carries over (repeat, or separate with commas)
    /// [default: the lines marked with `outlay line set CODE --carry on`]
    #[arg(long, value_delimiter = ',')]
    pub carry: Vec<String>,
}

pub fn run(command: YearCommand, cx: &Context) -> Result<(), Error> {
    let YearCommand::Close(args) = command;
    let ledger = cx.open()?;
    let carry: Vec<String> = args
        .carry
        .iter()
        .map(|c| crate::domain::text::code(c))
        .filter(|c| !c.is_empty())
        .collect();
    let next = ledger.close_year_into(&args.into, &carry, &cx.actor)?;
    let lines = next.lines()?;
    let schedule = next.schedule(Some(next.year().first_day()), None)?;
    output::line(&format!(
        "{} {} · {} {} · {} {}",
        cx.lang.pick("已创建", "Created"),
        args.into.display(),
        lines.len(),
        cx.lang.pick("条结转指标", "carry-over lines"),
        schedule.len(),
        cx.lang.pick("笔未付合同款", "unpaid instalments")
    ))?;
    for line in &lines {
        output::line(&format!(
            "  {} {} {}",
            line.code,
            line.name,
            line.allocated.display(cx.unit)
        ))?;
    }
    Ok(())
}
