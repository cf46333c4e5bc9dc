//! Read models: what screens, reports and exports show, each from one snapshot.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{LocalLedger, tolerance_from};
use crate::domain::budget::adjustments_by_line;
use crate::domain::cumulative::{MonthlyExecution, monthly_execution};
use crate::domain::report::{ExecutionReport, LineFigures, ReportInput, execution_report};
use crate::domain::review::{MonthReview, ReviewInput, month_review};
use crate::domain::schedule::{InstalmentStatus, instalment_statuses};
use crate::domain::spend_tag::SpendTag;
use crate::domain::supplementary::{SupplementSummary, supplement_summary};
use crate::domain::text;
use crate::domain::{Adjustment, BudgetLine, Disbursement, Event, Indicator, Money, ScheduleItem};
use crate::error::Result;
use crate::store::{DisbursementQuery, Reader};

/// A running total that disagrees with the entries it sums.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotalsMismatch {
    pub what: String,
    pub stored: Money,
    pub rebuilt: Money,
}

impl LocalLedger {
    /// How many events the log's hash chain links, and its head (hex): for
    /// `check` to print, so the head can be kept elsewhere and compared.
    pub fn event_chain(&self) -> Result<(u64, String)> {
        Ok(self.store.read(|r| r.event_chain())?)
    }

    /// The execution report as of a date (default: today, kept inside the year).
    pub fn report(&self, as_of: Option<NaiveDate>) -> Result<ExecutionReport> {
        let as_of = self.year.clamp(as_of.unwrap_or_else(crate::clock::today));
        self.store.read(|r| {
            let tolerance = tolerance_from(r.meta("tolerance")?)?;
            let lines = line_figures(r, as_of, as_of >= self.year.last_day())?;
            let instalments = instalments(r, as_of)?;
            let paid_by_month = r.paid_by_month(self.year.year(), as_of)?;
            let rules = super::monitoring::read(r.meta(super::monitoring::KEY)?)?;
            Ok(execution_report(ReportInput {
                year: self.year,
                as_of,
                tolerance,
                lines,
                instalments,
                paid_by_month,
                rules,
            }))
        })
    }

    pub fn lines(&self) -> Result<Vec<BudgetLine>> {
        Ok(self.store.read(|r| r.lines())?)
    }

    pub fn line(&self, code: String) -> Result<Option<BudgetLine>> {
        let code = text::code(&code);
        Ok(self.store.read(|r| r.line(&code))?)
    }

    /// The names of the projects the lines fund, in code order of their first line.
    pub fn projects(&self) -> Result<Vec<String>> {
        let lines = self.lines()?;
        Ok(crate::domain::line::projects(&lines)
            .into_iter()
            .map(String::from)
            .collect())
    }

    pub fn disbursements(&self, mut query: DisbursementQuery) -> Result<Vec<Disbursement>> {
        query.line = query.line.map(|code| text::code(&code));
        Ok(self.store.read(|r| r.disbursements(&query))?)
    }

    pub fn disbursement(&self, id: u64) -> Result<Option<Disbursement>> {
        Ok(self.store.read(|r| r.disbursement(id))?)
    }

    /// Which of these entries are reversed, each with the entry that reverses it.
    pub fn reversals_of(&self, ids: Vec<u64>) -> Result<BTreeMap<u64, u64>> {
        Ok(self.store.read(|r| r.reversals_of(&ids))?)
    }

    /// Adjustments in date order, optionally of one line (either side of a transfer).
    pub fn adjustments(&self, line: Option<String>) -> Result<Vec<Adjustment>> {
        let mut all = self.store.read(|r| r.adjustments())?;
        let line = line.map(|code| text::code(&code));
        if let Some(code) = line.as_deref() {
            all.retain(|a| a.line == code || a.from_line.as_deref() == Some(code));
        }
        all.sort_by_key(|a| (a.date, a.id));
        Ok(all)
    }

    /// Every instalment with what was paid towards it as of a date, by due date.
    pub fn schedule(
        &self,
        as_of: Option<NaiveDate>,
        line: Option<String>,
    ) -> Result<Vec<InstalmentStatus>> {
        let as_of = as_of.unwrap_or_else(crate::clock::today);
        let mut all = self.store.read(|r| instalments(r, as_of))?;
        if let Some(code) = line.map(|code| text::code(&code)) {
            all.retain(|s| s.item.line == code);
        }
        all.sort_by_key(|s| (s.item.due, s.item.id));
        Ok(all)
    }

    /// The month-end review of a month of the year (1–12).
    pub fn review(&self, month: u32, idle_days: i64) -> Result<MonthReview> {
        let year = self.year;
        let bad_month = || {
            crate::domain::Refusal::field_in(
                "month",
                format!("{month} is not a month (1–12)"),
                format!("{month} 不是月份（1–12）"),
            )
        };
        let as_of = year.month_end(month).ok_or_else(bad_month)?;
        let first = as_of.with_day(1).unwrap_or(as_of);
        let previous = (month > 1).then(|| year.month_end(month - 1)).flatten();
        let report = self.report(Some(as_of))?;
        let instalments = self.schedule(Some(as_of), None)?;
        let (paid_this_month, paid_last_month, last_paid, tolerance, rules) =
            self.store.read(|r| {
                let last_month = match previous {
                    Some(end) => r.spent_between(end.with_day(1).unwrap_or(end), end)?,
                    None => Default::default(),
                };
                Ok::<_, crate::store::StoreError>((
                    r.spent_between(first, as_of)?,
                    last_month,
                    r.last_paid_until(as_of)?,
                    tolerance_from(r.meta("tolerance")?)?,
                    super::monitoring::read(r.meta(super::monitoring::KEY)?)?,
                ))
            })?;
        Ok(month_review(ReviewInput {
            year,
            month,
            tolerance,
            idle_days,
            report,
            instalments,
            paid_this_month,
            paid_last_month,
            last_paid,
            rules,
        }))
    }

    /// The budget at each month end and what was paid in each month, of the
    /// whole year or of one project's lines.
    pub fn monthly_execution(&self, project: Option<String>) -> Result<MonthlyExecution> {
        let (lines, adjustments, paid) = self.store.read(|r| {
            Ok::<_, crate::store::StoreError>((
                r.lines()?,
                r.adjustments()?,
                r.paid_by_line_and_month(self.year.year())?,
            ))
        })?;
        Ok(monthly_execution(
            self.year,
            &lines,
            &adjustments,
            &paid,
            project.map(|p| text::plain(&p)).as_deref(),
        ))
    }

    /// Supplementary allocations and adjustments up to a date, with totals by level.
    pub fn supplements(&self, as_of: NaiveDate) -> Result<SupplementSummary> {
        let (lines, adjustments) = self
            .store
            .read(|r| Ok::<_, crate::store::StoreError>((r.lines()?, r.adjustments()?)))?;
        Ok(supplement_summary(&lines, &adjustments, as_of))
    }

    pub fn indicators(&self, project: Option<String>) -> Result<Vec<Indicator>> {
        let mut all = self.store.read(|r| r.indicators())?;
        if let Some(p) = project.map(|p| text::plain(&p)) {
            all.retain(|i| i.project == p);
        }
        Ok(all)
    }

    /// The newest `limit` events, newest first.
    pub fn events(&self, limit: usize) -> Result<Vec<Event>> {
        Ok(self.store.read(|r| r.events(limit))?)
    }

    /// Rebuilds every running total from the raw entries and lists the ones
    /// that disagree with what is stored. Empty means the ledger is consistent.
    pub fn verify_totals(&self) -> Result<Vec<TotalsMismatch>> {
        Ok(self.store.read(|r| {
            r.read_every_record()?;
            r.event_chain()?;
            tolerance_from(r.meta("tolerance")?)?;
            let mut spent: HashMap<String, Money> = HashMap::new();
            let mut entries: HashMap<String, u64> = HashMap::new();
            let mut by_contract: BTreeMap<(String, String), Money> = BTreeMap::new();
            let mut by_tag: BTreeMap<(SpendTag, String), Money> = BTreeMap::new();
            r.each_disbursement(|d| {
                for &tag in &d.tags {
                    *by_tag.entry((tag, d.line.clone())).or_default() += d.amount;
                }
                *spent.entry(d.line.clone()).or_default() += d.amount;
                *entries.entry(d.line.clone()).or_default() += 1;
                if let Some(c) = d.contract {
                    *by_contract.entry((d.line, c)).or_default() += d.amount;
                }
            })?;
            let adjusted = adjustments_by_line(&r.adjustments()?, &[], None);
            let daily = r.spent_until(NaiveDate::MAX)?;
            let mut mismatches = Vec::new();
            let mut check = |what: String, stored: Money, rebuilt: Money| {
                if stored != rebuilt {
                    mismatches.push(TotalsMismatch {
                        what,
                        stored,
                        rebuilt,
                    });
                }
            };
            for (code, totals) in r.all_totals()? {
                let rebuilt = spent.get(&code).copied().unwrap_or_default();
                check(format!("{code} spent"), totals.spent, rebuilt);
                check(
                    format!("{code} daily spent"),
                    daily.get(&code).copied().unwrap_or_default(),
                    rebuilt,
                );
                check(
                    format!("{code} adjusted"),
                    totals.adjusted,
                    adjusted.get(&code).copied().unwrap_or_default(),
                );
                let count = entries.get(&code).copied().unwrap_or_default();
                if totals.entries != count {
                    check(
                        format!(
                            "{code} entry count ({} stored, {count} found)",
                            totals.entries
                        ),
                        Money::ZERO,
                        Money::from_fen(1),
                    );
                }
            }
            let stored_contracts = r.contract_totals()?;
            for (key, rebuilt) in &by_contract {
                check(
                    format!("{} contract {}", key.0, key.1),
                    stored_contracts.get(key).copied().unwrap_or_default(),
                    *rebuilt,
                );
            }
            for (key, stored) in &stored_contracts {
                if !by_contract.contains_key(key) {
                    check(
                        format!("{} contract {}", key.0, key.1),
                        *stored,
                        Money::ZERO,
                    );
                }
            }
            let stored_tags: BTreeMap<(SpendTag, String), Money> = r
                .tagged_until(NaiveDate::MAX)?
                .into_iter()
                .flat_map(|(tag, lines)| lines.into_iter().map(move |(l, m)| ((tag, l), m)))
                .collect();
            let tag_keys: std::collections::BTreeSet<&(SpendTag, String)> =
                by_tag.keys().chain(stored_tags.keys()).collect();
            for key in tag_keys {
                check(
                    format!("{} tagged {}", key.1, key.0),
                    stored_tags.get(key).copied().unwrap_or_default(),
                    by_tag.get(key).copied().unwrap_or_default(),
                );
            }
            Ok::<_, crate::store::StoreError>(mismatches)
        })?)
    }
}

/// Each line's allocated amount, budget and spending as of a date. At year end
/// the running totals answer directly; before it, the daily totals do.
fn line_figures(r: &Reader, as_of: NaiveDate, year_end: bool) -> Result<Vec<LineFigures>> {
    let totals = r.all_totals()?;
    let spent_until = if year_end {
        None
    } else {
        Some(r.spent_until(as_of)?)
    };
    let lines = r.lines()?;
    let settings = r.line_settings()?;
    let adjusted = adjustments_by_line(&r.adjustments()?, &lines, Some(as_of));
    Ok(lines
        .into_iter()
        .map(|line| {
            let in_force = line.allocated_on <= as_of;
            let allocated = if in_force {
                line.allocated
            } else {
                Money::ZERO
            };
            let adjustments = adjusted.get(&line.code).copied().unwrap_or_default();
            let spent = match &spent_until {
                Some(by_line) => by_line.get(&line.code).copied().unwrap_or_default(),
                None => totals.get(&line.code).map(|t| t.spent).unwrap_or_default(),
            };
            LineFigures {
                allocated,
                budget: allocated + adjustments,
                spent,
                paced: settings.get(&line.code).is_none_or(|s| s.paced),
                line,
            }
        })
        .collect())
}

/// Every instalment with payments on its contract spread over it, as of a date.
fn instalments(r: &Reader, as_of: NaiveDate) -> Result<Vec<InstalmentStatus>> {
    let mut by_contract: BTreeMap<(String, String), Vec<ScheduleItem>> = BTreeMap::new();
    for item in r.schedule()? {
        by_contract
            .entry((item.line.clone(), item.contract.clone()))
            .or_default()
            .push(item);
    }
    let mut out = Vec::new();
    for ((line, contract), items) in by_contract {
        let paid = r.contract_paid_until(&line, &contract, as_of)?;
        out.extend(instalment_statuses(items, paid, as_of));
    }
    Ok(out)
}
