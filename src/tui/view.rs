//! What the screens show, read from the ledger when something changes (a
//! save, a new as-of date, a filter, another user's entry) — never while
//! drawing. Another user's change re-reads only what it touched.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::Ledger;
use crate::domain::cumulative::MonthlyExecution;
use crate::domain::monitor::MonitorReturn;
use crate::domain::report::{ExecutionReport, ProjectRow};
use crate::domain::review::{DEFAULT_IDLE_DAYS, MonthReview};
use crate::domain::rules::ScoringRules;
use crate::domain::schedule::InstalmentStatus;
use crate::domain::summary::{YearSummary, reason_needed};
use crate::domain::supplementary::SupplementSummary;
use crate::domain::{BudgetLine, Disbursement, Indicator};
use crate::error::Result;
use crate::ledger::{DisbursementQuery, LedgerInfo};

/// The journal is read a page of this many entries at a time, newest first;
/// scrolling to the end of what is read reads the next page.
pub const JOURNAL_PAGE: usize = 1000;
/// Entries shown under a selected line or project.
pub const DETAIL_LIMIT: usize = 200;

/// What a change touched, so a screen re-reads only that.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Indicators only.
    Indicators,
    /// Disbursements: the report, the schedule's paid amounts, the journal.
    Entries,
    /// Contract instalments: the report's overdue list and the schedule.
    Schedule,
    /// Lines, budgets, settings, users: everything.
    All,
}

impl Scope {
    /// The scope of an API call, by name; a call not named touches everything.
    pub fn of(call: &str) -> Scope {
        match call {
            // Progress values change no figure but the monitoring return's,
            // which its view re-reads whatever the scope.
            "add_indicator" | "update_indicator" | "import_indicators" | "record_progress"
            | "import_progress" => Scope::Indicators,
            "pay" | "reverse" | "import_disbursements" => Scope::Entries,
            "add_schedule_item" | "import_schedule" => Scope::Schedule,
            _ => Scope::All,
        }
    }

    /// What two changes touched together.
    pub fn and(self, other: Scope) -> Scope {
        if self == other { self } else { Scope::All }
    }
}

pub struct ViewData {
    pub info: LedgerInfo,
    pub report: ExecutionReport,
    pub lines: Vec<BudgetLine>,
    pub schedule: Vec<InstalmentStatus>,
    pub indicators: Vec<Indicator>,
    /// How indicators are judged and scored (the summary's rules).
    pub rules: ScoringRules,
    pub supplements: SupplementSummary,
    /// The journal under the current filter, newest first.
    pub journal: Vec<Disbursement>,
    /// Whether more entries match than the journal holds.
    pub journal_more: bool,
    /// Entries of the selected basic line or the opened project, newest first.
    pub detail: Vec<Disbursement>,
    /// Each project's reason (偏差原因), of those that have one written.
    pub reasons: BTreeMap<String, String>,
    /// Which of the journal's and the detail's entries are reversed, and by which entry.
    pub reversed: BTreeMap<u64, u64>,
    /// Read only while the Review tab is shown: see [`ViewData::load_review`].
    pub review: Option<ReviewData>,
    /// Read only while the Summary tab is shown.
    pub summary: Option<YearSummary>,
    /// The 绩效运行监控 return, read only while the Monitor view is shown.
    pub monitor: Option<MonitorReturn>,
}

/// The Review tab's figures: the month-end review of the as-of date's month,
/// and the cumulative execution its chart draws.
pub struct ReviewData {
    pub review: MonthReview,
    /// Of the whole year, or of the project the chart is set to.
    pub monthly: MonthlyExecution,
    /// The month is closed (结账).
    pub closed: bool,
}

impl ViewData {
    /// Everything the tabs share, the journal's newest `journal_rows`
    /// entries (at least a page) among them.
    pub fn load(
        ledger: &Ledger,
        as_of: NaiveDate,
        journal: &DisbursementQuery,
        journal_rows: usize,
    ) -> Result<ViewData> {
        let (entries, journal_more) = journal_entries(ledger, as_of, journal, journal_rows)?;
        let reversed = reversals_of(ledger, &entries)?;
        Ok(ViewData {
            info: ledger.info()?,
            report: ledger.report(Some(as_of))?,
            lines: ledger.lines()?,
            schedule: ledger.schedule(Some(as_of), None)?,
            indicators: ledger.indicators(None)?,
            rules: ledger.scoring_rules()?,
            supplements: ledger.supplements(as_of)?,
            journal: entries,
            journal_more,
            detail: Vec::new(),
            reasons: ledger
                .project_settings()?
                .into_iter()
                .filter_map(|(project, s)| Some((project, s.reason?)))
                .collect(),
            reversed,
            review: None,
            summary: None,
            monitor: None,
        })
    }

    /// Re-reads only what `scope` says changed.
    pub fn refresh(
        &mut self,
        ledger: &Ledger,
        as_of: NaiveDate,
        journal: &DisbursementQuery,
        scope: Scope,
    ) -> Result<()> {
        // Live refresh re-reads the pages read so far, no more.
        let rows = self.journal.len();
        match scope {
            Scope::All => *self = ViewData::load(ledger, as_of, journal, rows)?,
            Scope::Indicators => self.indicators = ledger.indicators(None)?,
            Scope::Entries | Scope::Schedule => {
                self.report = ledger.report(Some(as_of))?;
                self.schedule = ledger.schedule(Some(as_of), None)?;
                if scope == Scope::Entries {
                    (self.journal, self.journal_more) =
                        journal_entries(ledger, as_of, journal, rows)?;
                    self.mark_reversals(ledger)?;
                }
            }
        }
        Ok(())
    }

    /// The journal's next page, after the oldest entry read so far; whether
    /// there was one.
    pub fn load_more_journal(
        &mut self,
        ledger: &Ledger,
        as_of: NaiveDate,
        journal: &DisbursementQuery,
    ) -> Result<bool> {
        let Some(oldest) = self.journal.last().filter(|_| self.journal_more) else {
            return Ok(false);
        };
        let mut query = journal.clone();
        query.after = Some(oldest.id);
        let (page, more) = journal_entries(ledger, as_of, &query, JOURNAL_PAGE)?;
        self.journal.extend(page);
        self.journal_more = more;
        self.mark_reversals(ledger)?;
        Ok(true)
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
        self.mark_reversals(ledger)
    }

    /// Looks up which of the entries shown are reversed.
    fn mark_reversals(&mut self, ledger: &Ledger) -> Result<()> {
        let shown: Vec<&Disbursement> = self.journal.iter().chain(&self.detail).collect();
        self.reversed = reversals_of(ledger, shown)?;
        Ok(())
    }

    /// The review of the as-of date's month, and the cumulative execution of
    /// the whole year (`project` none) or of a project.
    pub fn load_review(
        &mut self,
        ledger: &Ledger,
        as_of: NaiveDate,
        project: Option<&str>,
    ) -> Result<()> {
        self.review = Some(ReviewData {
            review: ledger.review(as_of.month(), DEFAULT_IDLE_DAYS)?,
            monthly: ledger.monthly_execution(project.map(str::to_string))?,
            closed: ledger.closed_months()?.contains(&as_of.month()),
        });
        Ok(())
    }

    /// The year-end summary as of the as-of date.
    pub fn load_summary(&mut self, ledger: &Ledger, as_of: NaiveDate) -> Result<()> {
        self.summary = Some(ledger.summary(Some(as_of))?);
        Ok(())
    }

    /// The monitoring return as of the as-of date.
    pub fn load_monitor(&mut self, ledger: &Ledger, as_of: NaiveDate) -> Result<()> {
        self.monitor = Some(ledger.monitor(Some(as_of))?);
        Ok(())
    }

    /// The projects whose form needs a reason not yet written.
    pub fn wanting_reason(&self) -> impl Iterator<Item = &ProjectRow> {
        self.report.projects.iter().filter(|p| {
            reason_needed(
                p,
                self.report.as_of,
                self.reasons.get(&p.project).map(String::as_str),
            )
        })
    }

    /// The projects, in the order of their first line.
    pub fn projects(&self) -> Vec<&str> {
        crate::domain::line::projects(&self.lines)
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

/// Which of `entries` are reversed (a reversal itself never is).
fn reversals_of<'a>(
    ledger: &Ledger,
    entries: impl IntoIterator<Item = &'a Disbursement>,
) -> Result<BTreeMap<u64, u64>> {
    let ids = entries
        .into_iter()
        .filter(|d| d.reverses.is_none())
        .map(|d| d.id)
        .collect();
    ledger.reversals_of(ids)
}

/// The journal under a filter as of a date, in its order: `rows` entries
/// (at least a page, whole pages), and whether more match.
fn journal_entries(
    ledger: &Ledger,
    as_of: NaiveDate,
    journal: &DisbursementQuery,
    rows: usize,
) -> Result<(Vec<Disbursement>, bool)> {
    let rows = rows.max(1).div_ceil(JOURNAL_PAGE) * JOURNAL_PAGE;
    let mut query = journal.clone();
    query.until = Some(as_of);
    query.limit = Some(rows + 1);
    let mut entries = ledger.disbursements(query)?;
    let more = entries.len() > rows;
    entries.truncate(rows);
    Ok((entries, more))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_re_reads_only_what_it_touched() {
        assert_eq!(Scope::of("pay"), Scope::Entries);
        assert_eq!(Scope::of("update_indicator"), Scope::Indicators);
        assert_eq!(Scope::of("record_progress"), Scope::Indicators);
        assert_eq!(Scope::of("add_schedule_item"), Scope::Schedule);
        assert_eq!(Scope::of("adjust"), Scope::All);
        assert_eq!(Scope::Entries.and(Scope::Entries), Scope::Entries);
        assert_eq!(Scope::Entries.and(Scope::Indicators), Scope::All);
    }
}
