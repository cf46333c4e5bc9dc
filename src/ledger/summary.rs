//! The year-end summary read model: the execution report at the summary's
//! date, every instalment and indicator, and what the department wrote.

use chrono::NaiveDate;

use super::LocalLedger;
use crate::domain::department::Tagging;
use crate::domain::score::ExecutionRule;
use crate::domain::summary::{SummaryInput, YearSummary, year_summary};
use crate::error::Result;

impl LocalLedger {
    /// The summary as of a date (default: today, kept inside the year; the
    /// year-end summary proper is the one as of the year's last day).
    pub fn summary(&self, as_of: Option<NaiveDate>) -> Result<YearSummary> {
        let report = self.report(as_of)?;
        let instalments = self.schedule(Some(report.as_of), None)?;
        let info = self.info()?;
        let tagging = Tagging {
            lines: self
                .line_settings()?
                .into_iter()
                .filter(|(_, s)| !s.tags.is_empty())
                .map(|(code, s)| (code, s.tags))
                .collect(),
            payments: self.store.read(|r| r.tagged_until(report.as_of))?,
        };
        Ok(year_summary(SummaryInput {
            department: info.department,
            instalments,
            indicators: self.indicators(None)?,
            projects: self.project_settings()?,
            notes: self.notes()?,
            rule: ExecutionRule {
                capped: info.execution_capped,
                ..ExecutionRule::default()
            },
            rules: self.scoring_rules()?,
            tagging,
            report,
        }))
    }
}
