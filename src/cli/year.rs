//! `outlay year close --into NEXT_FILE [--carry CODE…] [--force]`: year close (年终结转).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{Context, output};
use crate::domain::Refusal;
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
    /// Close the year before its last day (what is unspent today carries over)
    #[arg(long)]
    pub force: bool,
}

pub fn run(command: YearCommand, cx: &Context) -> Result<(), Error> {
    let YearCommand::Close(args) = command;
    let ledger = cx.open()?;
    let year = ledger.year();
    let today = crate::clock::today();
    if today < year.last_day() {
        let (en, zh) = (
            format!(
                "fiscal year {year} runs until {}; closing it on {today} carries over what is unspent today",
                year.last_day()
            ),
            format!(
                "{year} 预算年度至 {} 结束；于 {today} 结转将按今日的结余结转",
                year.last_day()
            ),
        );
        if !args.force {
            return Err(Refusal::field_in(
                "force",
                format!("{en}; add --force to close it anyway"),
                format!("{zh}；如确需提前结转，请加 --force"),
            )
            .into());
        }
        let warning = match cx.lang {
            crate::i18n::Lang::Zh => zh,
            crate::i18n::Lang::En => en,
        };
        eprintln!("{}: {warning}", cx.lang.pick("警告", "warning"));
    }
    let carry: Vec<String> = args
        .carry
        .iter()
        .map(|c| crate::domain::text::code(c))
        .filter(|c| !c.is_empty())
        .collect();
    let asked = if carry.is_empty() {
        let settings = ledger.line_settings()?;
        settings
            .into_iter()
            .filter(|(_, s)| s.carry_over)
            .map(|(code, _)| code)
            .collect()
    } else {
        carry.clone()
    };
    let next = ledger.close_year_into(&args.into, &carry, &cx.actor)?;
    let lines = next.lines()?;
    let schedule = next.schedule(Some(next.year().first_day()), None)?;
    output::line(&format!(
        "{} {} · {} {} · {} {}",
        cx.lang.pick("已创建", "Created"),
        args.into.display(),
        lines.len(),
        cx.lang.noun(
            lines.len(),
            "条结转指标",
            "carry-over line",
            "carry-over lines"
        ),
        schedule.len(),
        cx.lang.noun(
            schedule.len(),
            "笔未付合同款",
            "unpaid instalment",
            "unpaid instalments"
        )
    ))?;
    for line in &lines {
        output::line(&format!(
            "  {} {} {}",
            line.code,
            line.name,
            line.allocated.display(cx.unit)
        ))?;
    }
    // A line asked for that carried nothing: its money is all spent.
    for code in asked
        .iter()
        .filter(|c| !lines.iter().any(|l| &l.code == *c))
    {
        let note = match cx.lang {
            crate::i18n::Lang::Zh => format!("指标 {code} 已无结余，未生成结转指标"),
            crate::i18n::Lang::En => {
                format!("line {code} has nothing left to carry over; no carry-over line was made")
            }
        };
        eprintln!("{}: {note}", cx.lang.pick("提示", "note"));
    }
    Ok(())
}
