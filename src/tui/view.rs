//! What the screens show, read from the ledger in one go when something
//! changes (a save, a new as-of date, a filter) — never while drawing.

use chrono::NaiveDate;

use crate::Ledger;
use crate::domain::report::ExecutionReport;
use crate::domain::schedule::InstalmentStatus;
use crate::domain::supplementary::SupplementSummary;
use crate::domain::{BudgetLine, Disbursement, Indicator};
use crate::error::Result;
use crate::ledger::{DisbursementQuery, LedgerInfo};

/// The journal shows at most this many entries; a filter narrows the rest.
pub const JOURNAL_LIMIT: usize = 1000;
/// Entries shown under a selected line or project.
pub const DETAIL_LIMIT: usize = 200;

pub struct ViewData {
    pub info: LedgerInfo,
    pub report: ExecutionReport,
    pub lines: Vec<BudgetLine>,
    pub schedule: Vec<InstalmentStatus>,
    pub indicators: Vec<Indicator>,
    pub supplements: SupplementSummary,
    /// The journal under the current filter, newest first.
    pub journal: Vec<Disbursement>,
    /// Whether more entries match than the journal holds.
    pub journal_more: bool,
    /// Entries of the selected basic line or the opened project, newest first.
    pub detail: Vec<Disbursement>,
}

impl ViewData {
    pub fn load(
        ledger: &Ledger,
        as_of: NaiveDate,
        journal: &DisbursementQuery,
    ) -> Result<ViewData> {
        let mut query = journal.clone();
        query.until = Some(as_of);
        query.newest_first = true;
        query.limit = Some(JOURNAL_LIMIT + 1);
        let mut entries = ledger.disbursements(query)?;
        let journal_more = entries.len() > JOURNAL_LIMIT;
        entries.truncate(JOURNAL_LIMIT);
        Ok(ViewData {
            info: ledger.info()?,
            report: ledger.report(Some(as_of))?,
            lines: ledger.lines()?,
            schedule: ledger.schedule(Some(as_of), None)?,
            indicators: ledger.indicators(None)?,
            supplements: ledger.supplements(as_of)?,
            journal: entries,
            journal_more,
            detail: Vec::new(),
        })
    }

    /// The newest entries of some lines, up to the as-of date.
    pub fn load_detail(
        &mut self,
        ledger: &Ledger,
        lines: &[String],
        as_of: NaiveDate,
    ) -> Result<()> {
        let mut entries = Vec::new();
        for line in lines {
            let query = DisbursementQuery {
                line: Some(line.clone()),
                until: Some(as_of),
                newest_first: true,
                limit: Some(DETAIL_LIMIT),
                ..DisbursementQuery::default()
            };
            entries.extend(ledger.disbursements(query)?);
        }
        entries.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
        entries.truncate(DETAIL_LIMIT);
        self.detail = entries;
        Ok(())
    }

    /// The lines funding a project, in code order.
    pub fn project_lines(&self, project: &str) -> Vec<String> {
        self.lines
            .iter()
            .filter(|l| l.project.as_deref() == Some(project))
            .map(|l| l.code.clone())
            .collect()
    }
}
