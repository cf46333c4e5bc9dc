//! Year close (年终结转): the unspent money of the lines marked for carry-over
//! becomes carry-over lines of the next year, and their unpaid instalments
//! come along. Indicators stay with the year they measured.

use super::calendar::FiscalYear;
use super::input::NewScheduleItem;
use super::line::{BudgetLine, Source};
use super::report::LineRow;
use super::schedule::InstalmentStatus;

/// The next year's carry-over lines and instalments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CarryOver {
    pub lines: Vec<BudgetLine>,
    pub schedule: Vec<NewScheduleItem>,
}

/// Builds the next year's carry-over from this year's lines as of its last
/// day. A marked line with nothing left carries nothing. The new line keeps
/// the old code and 文号, so it can be traced back.
pub fn carry_over(
    next: FiscalYear,
    lines: &[BudgetLine],
    rows: &[LineRow],
    instalments: &[InstalmentStatus],
    marked: &[String],
) -> CarryOver {
    let mut out = CarryOver {
        lines: Vec::new(),
        schedule: Vec::new(),
    };
    for code in marked {
        let (Some(line), Some(row)) = (
            lines.iter().find(|l| &l.code == code),
            rows.iter().find(|r| &r.code == code),
        ) else {
            continue;
        };
        if !row.remaining.is_positive() {
            continue;
        }
        out.lines.push(BudgetLine {
            source: Source::Carryover,
            allocated_on: next.first_day(),
            allocated: row.remaining,
            ..line.clone()
        });
        out.schedule.extend(
            instalments
                .iter()
                .filter(|s| &s.item.line == code && s.outstanding.is_positive())
                .map(|s| NewScheduleItem {
                    line: code.clone(),
                    contract: s.item.contract.clone(),
                    payee: s.item.payee.clone(),
                    due: s.item.due,
                    amount: s.outstanding,
                    memo: format!(
                        "结转自 {} 年 / carried over from {}",
                        next.year() - 1,
                        next.year() - 1
                    ),
                }),
        );
    }
    out
}
