//! Loading the demo year (the seed report's 2021) into a new ledger.

use std::path::Path;

use super::Ledger;
use crate::demo::{DemoYear, demo_year};
use crate::error::Result;

impl Ledger {
    /// Creates a ledger at `path` holding the demo year, entered as `actor`.
    pub fn create_demo(path: &Path, actor: &str) -> Result<Ledger> {
        let DemoYear { year, department, lines, adjustments, disbursements, schedule, indicators } = demo_year();
        let ledger = Ledger::create(path, year, &department, actor)?;
        let numbered = |n: usize| n + 2; // as if read from a file with a header
        ledger.import_lines(lines.into_iter().enumerate().map(|(n, l)| (numbered(n), l)).collect(), "demo")?;
        ledger.import_adjustments(adjustments.into_iter().enumerate().map(|(n, a)| (numbered(n), a)).collect(), "demo")?;
        ledger.import_schedule(schedule.into_iter().enumerate().map(|(n, s)| (numbered(n), s)).collect(), "demo")?;
        ledger.import_disbursements(disbursements.into_iter().enumerate().map(|(n, d)| (numbered(n), d)).collect(), "demo", &mut |_| {})?;
        for indicator in indicators {
            ledger.add_indicator(indicator)?;
        }
        Ok(ledger)
    }
}
