//! Loading the demo year (the seed report's 2021) into a new ledger.

use std::path::Path;

use super::Ledger;
use crate::demo::{DemoYear, demo_year};
use crate::error::Result;
use crate::import::Row;

/// Numbers entries as if read from a file with a header, for messages.
fn rows<T>(values: Vec<T>) -> Vec<Row<T>> {
    values
        .into_iter()
        .enumerate()
        .map(|(n, value)| Row {
            number: n + 2,
            value,
        })
        .collect()
}

impl Ledger {
    /// Creates a ledger at `path` holding the demo year, entered as `actor`.
    pub fn create_demo(path: &Path, actor: &str) -> Result<Ledger> {
        let DemoYear {
            year,
            department,
            lines,
            adjustments,
            disbursements,
            schedule,
            indicators,
        } = demo_year();
        let ledger = Ledger::create(path, year, &department, actor)?;
        ledger.import_lines(rows(lines), "demo")?;
        ledger.import_adjustments(rows(adjustments), "demo")?;
        ledger.import_schedule(rows(schedule), "demo")?;
        ledger.import_disbursements(rows(disbursements), "demo", &mut |_| {})?;
        ledger.import_indicators(rows(indicators), "demo")?;
        Ok(ledger)
    }
}
