//! Applying an imported file: all rows in one transaction, or none.
//!
//! Re-importing is safe: a row identical to a stored entry is skipped and
//! counted, so overlapping monthly exports from the treasury system can be
//! imported as they come; a row that reuses a stored key with other content
//! is a conflict and refuses the whole file.

use std::collections::{HashMap, HashSet};

use super::api::Ledger;
use crate::domain::role::Role;

use serde::{Deserialize, Serialize};

use super::commands::{Warning, overspent_warning};
use super::{LocalLedger, yuan};
use crate::domain::input::{
    self, NewAdjustment, NewDisbursement, NewIndicator, NewScheduleItem, Normalise,
};
use crate::domain::{BudgetLine, Money, Refusal};
use crate::error::{Error, Result};
use crate::import::Row;
use crate::store::Writer;

mod disbursements;

use disbursements::{DisbursementImport, read_ahead};

/// What a streamed import hands each row to; an error stops the import.
pub type RowSink<'s, T> = dyn FnMut(Row<T>) -> Result<()> + 's;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImportKind {
    Lines,
    Adjustments,
    Disbursements,
    Schedule,
    Indicators,
    /// Indicators' in-year progress values (绩效运行监控).
    Progress,
}

impl ImportKind {
    /// The name in the event log: `import.disbursements` …
    fn code(self) -> &'static str {
        match self {
            ImportKind::Lines => "lines",
            ImportKind::Adjustments => "adjustments",
            ImportKind::Disbursements => "disbursements",
            ImportKind::Schedule => "schedule",
            ImportKind::Indicators => "indicators",
            ImportKind::Progress => "progress",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            ImportKind::Lines => "budget lines",
            ImportKind::Adjustments => "adjustments",
            ImportKind::Disbursements => "disbursements",
            ImportKind::Schedule => "schedule items",
            ImportKind::Indicators => "indicators",
            ImportKind::Progress => "progress values",
        }
    }
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub added: usize,
    /// Rows identical to an entry already stored, skipped.
    pub already_present: usize,
    pub warnings: Vec<Warning>,
}

/// Rows an import adds before the file is compacted after it: its indexes'
/// pages, filled in random key order, are about half empty (at 10^6 rows,
/// 285 MB become 204 MB in 2 s).
const COMPACT_AFTER: usize = 100_000;

/// How often, in rows, an import reports progress.
const PROGRESS_EVERY: usize = 1000;

fn at_row(row: usize) -> impl Fn(Error) -> Error {
    move |e| match e {
        Error::Refused(refusal) => Error::ImportRow { row, refusal },
        other => other,
    }
}

impl LocalLedger {
    pub(super) fn log_import(
        &self,
        w: &mut Writer,
        kind: ImportKind,
        origin: &str,
        summary: &ImportSummary,
    ) -> Result<()> {
        if summary.added == 0 && summary.already_present == 0 {
            // A file of headers only: nothing happened, so nothing is logged.
            return Ok(());
        }
        let origin = input::origin(origin);
        let detail = format!(
            "{origin}: {} new {}, {} already present",
            summary.added,
            kind.noun(),
            summary.already_present
        );
        let action = format!("import.{}", kind.code());
        w.log(self.event(&action, &origin, detail))?;
        Ok(())
    }

    /// Imports budget lines; each row carries its spreadsheet row number for messages.
    pub fn import_lines(
        &self,
        rows: Vec<Row<BudgetLine>>,
        origin: String,
    ) -> Result<ImportSummary> {
        let rows = rows.normalised();
        self.store.write_alone(|w| {
            let mut summary = ImportSummary::default();
            for Row { number: row, value: line } in rows {
                input::check_line(&line, self.year).map_err(|refusal| Error::ImportRow { row, refusal })?;
                match w.line(&line.code)? {
                    Some(stored) if stored == line => summary.already_present += 1,
                    Some(stored) => {
                        return Err(Error::ImportRow {
                            row,
                            refusal: Refusal::field_in(
                                "code",
                                format!("line {} is already stored with other content ({}, {}); change it with an adjustment instead", stored.code, stored.name, yuan(stored.allocated)),
                                format!("指标 {} 已存在且内容不同（{}，{}）；修改请用预算调整", stored.code, stored.name, yuan(stored.allocated)),
                            ),
                        });
                    }
                    None => {
                        w.put_line(&line)?;
                        summary.added += 1;
                    }
                }
            }
            self.log_import(w, ImportKind::Lines, &origin, &summary)?;
            Ok(summary)
        })
    }

    pub fn import_adjustments(
        &self,
        rows: Vec<Row<NewAdjustment>>,
        origin: String,
    ) -> Result<ImportSummary> {
        let rows = rows.normalised();
        self.store.write_alone(|w| {
            let mut summary = ImportSummary::default();
            let mut stored: HashSet<(String, chrono::NaiveDate, Money, String)> = w
                .adjustments()?
                .into_iter()
                .map(|a| (a.line, a.date, a.amount, a.doc_no))
                .collect();
            for Row {
                number: row,
                value: adjustment,
            } in rows
            {
                input::check_adjustment(&adjustment, self.year)
                    .map_err(|refusal| Error::ImportRow { row, refusal })?;
                let key = (
                    adjustment.line.clone(),
                    adjustment.date,
                    adjustment.amount,
                    adjustment.doc_no.trim().to_string(),
                );
                if stored.contains(&key) {
                    summary.already_present += 1;
                    continue;
                }
                self.record_adjustment(w, adjustment).map_err(at_row(row))?;
                stored.insert(key);
                summary.added += 1;
            }
            self.log_import(w, ImportKind::Adjustments, &origin, &summary)?;
            Ok(summary)
        })
    }

    /// Imports disbursements, calling `progress` with the rows done so far.
    pub fn import_disbursements(
        &self,
        rows: Vec<Row<NewDisbursement>>,
        origin: String,
    ) -> Result<ImportSummary> {
        self.import_disbursements_with_progress(rows, origin, &mut |_| {})
    }

    /// [`Self::import_disbursements`], calling `progress` with the rows done so far.
    pub fn import_disbursements_with_progress(
        &self,
        rows: Vec<Row<NewDisbursement>>,
        origin: String,
        progress: &mut (dyn FnMut(usize) + Send),
    ) -> Result<ImportSummary> {
        let total = rows.len();
        self.import_disbursements_streamed(origin, |take| {
            for (done, row) in rows.into_iter().enumerate() {
                if done % PROGRESS_EVERY == 0 {
                    progress(done);
                }
                take(row)?;
            }
            progress(total);
            Ok(())
        })
    }

    /// Imports disbursements as `feed` hands them over, one row at a time,
    /// all in one transaction: each row is checked and stored as it comes,
    /// and an error from `feed` or any refused row stores none of them.
    /// `feed` runs on a thread of its own, reading, parsing and checking
    /// rows while this one stores those before them (two cores: reading is
    /// a fifth of a large import).
    pub fn import_disbursements_streamed(
        &self,
        origin: String,
        feed: impl FnOnce(&mut RowSink<'_, NewDisbursement>) -> Result<()> + Send,
    ) -> Result<ImportSummary> {
        let year = self.year;
        let summary = std::thread::scope(|s| {
            let (rows, checked) = read_ahead(s, year, feed);
            let stored = self.store.write_alone(|w| {
                let mut import = DisbursementImport::start(self, w)?;
                for row in checked {
                    import.add(row?)?;
                }
                import.finish(&origin)
            });
            // A refusal drops the receiving end, which stops the reader.
            if let Err(panicked) = rows.join() {
                std::panic::resume_unwind(panicked);
            }
            stored
        })?;
        if summary.added >= COMPACT_AFTER {
            self.store.compact();
        }
        Ok(summary)
    }

    pub fn import_schedule(
        &self,
        rows: Vec<Row<NewScheduleItem>>,
        origin: String,
    ) -> Result<ImportSummary> {
        let rows = rows.normalised();
        self.store.write_alone(|w| {
            let mut summary = ImportSummary::default();
            let mut stored: HashSet<(String, String, chrono::NaiveDate, Money)> = w
                .schedule()?
                .into_iter()
                .map(|s| (s.line, s.contract, s.due, s.amount))
                .collect();
            for Row {
                number: row,
                value: item,
            } in rows
            {
                input::check_schedule_item(&item, self.year)
                    .map_err(|refusal| Error::ImportRow { row, refusal })?;
                let key = (
                    item.line.clone(),
                    item.contract.trim().to_string(),
                    item.due,
                    item.amount,
                );
                if stored.contains(&key) {
                    summary.already_present += 1;
                    continue;
                }
                self.record_schedule_item(w, item).map_err(at_row(row))?;
                stored.insert(key);
                summary.added += 1;
            }
            self.log_import(w, ImportKind::Schedule, &origin, &summary)?;
            Ok(summary)
        })
    }
}

impl LocalLedger {
    /// Imports performance indicators; an indicator with the same project,
    /// category, name and target as a stored one is already present.
    pub fn import_indicators(
        &self,
        rows: Vec<Row<NewIndicator>>,
        origin: String,
    ) -> Result<ImportSummary> {
        let rows = rows.normalised();
        let projects = self.projects()?;
        self.store.write_alone(|w| {
            let mut summary = ImportSummary::default();
            let mut stored: HashSet<(String, String, String, String)> = w
                .indicators()?
                .into_iter()
                .map(|i| (i.project, i.category.to_string(), i.name, i.target.text))
                .collect();
            for Row {
                number: row,
                value: request,
            } in rows
            {
                input::check_indicator(&request)
                    .map_err(|refusal| Error::ImportRow { row, refusal })?;
                let key = (
                    request.project.trim().to_string(),
                    request.category.to_string(),
                    request.name.trim().to_string(),
                    request.target.trim().to_string(),
                );
                if stored.contains(&key) {
                    summary.already_present += 1;
                    continue;
                }
                if !projects.contains(&key.0) {
                    return Err(Error::ImportRow {
                        row,
                        refusal: Refusal::field_in(
                            "project",
                            format!("no project line funds a project named '{}'", key.0),
                            format!("没有项目支出指标属于项目“{}”", key.0),
                        ),
                    });
                }
                self.record_indicator(w, request)?;
                stored.insert(key);
                summary.added += 1;
            }
            self.log_import(w, ImportKind::Indicators, &origin, &summary)?;
            Ok(summary)
        })
    }
}

/// Warnings for the lines an import touched that are now overspent, in code order.
fn overspent_lines(w: &Writer, lines: &HashMap<String, BudgetLine>) -> Result<Vec<Warning>> {
    let mut touched: Vec<&BudgetLine> = lines.values().collect();
    touched.sort_by(|a, b| a.code.cmp(&b.code));
    let mut warnings = Vec::new();
    for line in touched {
        warnings.extend(overspent_warning(w, line)?);
    }
    Ok(warnings)
}

impl Ledger {
    /// [`LocalLedger::import_disbursements_streamed`] on a file opened here
    /// (as a clerk); a server is sent the rows in one call, as it takes them.
    pub fn import_disbursements_streamed(
        &self,
        origin: String,
        feed: impl FnOnce(&mut RowSink<'_, NewDisbursement>) -> Result<()> + Send,
    ) -> Result<ImportSummary> {
        match self.here_or_served() {
            Ok(local) => {
                local.require(Role::Clerk)?;
                local.import_disbursements_streamed(origin, feed)
            }
            Err(_) => {
                let mut rows = Vec::new();
                feed(&mut |row| {
                    rows.push(row);
                    Ok(())
                })?;
                self.import_disbursements(rows, origin)
            }
        }
    }
}
