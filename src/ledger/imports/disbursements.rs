//! A file of disbursements streamed into one transaction: each row is checked
//! as it arrives and stored in chunks, so memory stays flat whatever the
//! file's size, while a refused row still leaves nothing stored.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, RandomState};
use std::sync::mpsc;

use super::super::commands::check_total_within_limit;
use super::super::{LocalLedger, yuan};
use super::{ImportKind, ImportSummary, RowSink, at_row, overspent_lines};
use crate::domain::input::{self, NewDisbursement, Normalise};
use crate::domain::{BudgetLine, Disbursement, FiscalYear, Money, Refusal};
use crate::error::{Error, Result};
use crate::import::Row;
use crate::store::Writer;

/// Rows stored per insert: few enough to keep memory flat, enough that each
/// line's running totals are written once per chunk rather than once per row.
const CHUNK: usize = 4096;

/// The counter disbursement ids are taken from.
const COUNTER: &str = "disbursement";

/// Rows a reading thread hands over at once: few enough to keep memory
/// flat, enough that the handing over costs nothing beside storing them.
const HANDED_OVER: usize = 1024;

/// Runs `feed` on a thread of `scope`, each row normalised and checked on
/// its own as it comes; the rows, and `feed`'s own error at the place in the
/// file it stopped, arrive in file order. Dropping the rows stops the reader
/// at its next row.
pub(in crate::ledger) fn read_ahead<'scope, F>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    year: FiscalYear,
    feed: F,
) -> (
    std::thread::ScopedJoinHandle<'scope, ()>,
    impl Iterator<Item = Result<Row<NewDisbursement>>>,
)
where
    F: FnOnce(&mut RowSink<'_, NewDisbursement>) -> Result<()> + Send + 'scope,
{
    let (send, receive) = mpsc::sync_channel::<Vec<Result<Row<NewDisbursement>>>>(4);
    let reader = scope.spawn(move || {
        let mut ready = Vec::with_capacity(HANDED_OVER);
        let mut stopped = false;
        let fed = feed(&mut |row| {
            ready.push(checked(row, year));
            if ready.len() == HANDED_OVER {
                let full = std::mem::replace(&mut ready, Vec::with_capacity(HANDED_OVER));
                if send.send(full).is_err() {
                    // The storing side has refused a row and stopped
                    // listening; this error stops `feed` and is never shown.
                    stopped = true;
                    return Err(Refusal::field_in("row", "import stopped", "导入已停止").into());
                }
            }
            Ok(())
        });
        if stopped {
            return;
        }
        if let Err(e) = fed {
            ready.push(Err(e));
        }
        let _ = send.send(ready);
    });
    (reader, receive.into_iter().flatten())
}

/// A row normalised and checked as the ledger checks a payment, before the
/// store is asked anything.
fn checked(row: Row<NewDisbursement>, year: FiscalYear) -> Result<Row<NewDisbursement>> {
    let row = row.normalised();
    input::check_disbursement(&row.value, year).map_err(|refusal| Error::ImportRow {
        row: row.number,
        refusal,
    })?;
    Ok(row)
}

/// One import of disbursements in progress, inside its write transaction.
pub(in crate::ledger) struct DisbursementImport<'a, 'w> {
    ledger: &'a LocalLedger,
    w: &'a mut Writer<'w>,
    /// The lines rows have named so far.
    lines: HashMap<String, BudgetLine>,
    /// Months a row has been dated in and found open.
    open_months: [bool; 12],
    /// The id of the first row added: ids are handed out from here, in file
    /// order, and the counter is written once at the end.
    first_id: u64,
    /// The file row of each id handed out, from `first_id` on, to name the
    /// earlier row when a voucher comes again.
    rows_of_ids: Vec<usize>,
    /// Checked rows not yet stored, and where each (line, voucher) is among them.
    pending: Vec<Disbursement>,
    pending_vouchers: HashMap<(String, String), usize>,
    /// Whether the ledger held any voucher before this import: when not,
    /// only a (line, voucher) this file has already used can be stored.
    ledger_had_vouchers: bool,
    /// Hashes of the (line, voucher) pairs of the rows added, so that a new
    /// pair is known new without a look into the voucher index (an eighth
    /// of a million-row import); a hit is checked against the index.
    used_here: HashSet<u64>,
    hasher: RandomState,
    already_present: usize,
}

/// A row with the same line and voucher as the one being added.
struct Earlier {
    /// Where it is, as a message names it: `row 12 of this file`, `disbursement #40`.
    en: String,
    zh: String,
    payment: Disbursement,
}

impl<'a, 'w> DisbursementImport<'a, 'w> {
    pub fn start(ledger: &'a LocalLedger, w: &'a mut Writer<'w>) -> Result<Self> {
        let first_id = w.last_id(COUNTER)? + 1;
        let ledger_had_vouchers = w.has_vouchers()?;
        Ok(DisbursementImport {
            ledger,
            w,
            lines: HashMap::new(),
            open_months: [false; 12],
            first_id,
            rows_of_ids: Vec::new(),
            pending: Vec::with_capacity(CHUNK),
            pending_vouchers: HashMap::with_capacity(CHUNK),
            ledger_had_vouchers,
            used_here: HashSet::new(),
            hasher: RandomState::new(),
            already_present: 0,
        })
    }

    /// Checks a row as the ledger checks a payment and adds it, or counts it
    /// as already present when an identical one is stored or earlier in the file.
    /// `row` is one [`checked`] has passed.
    pub fn add(&mut self, row: Row<NewDisbursement>) -> Result<()> {
        let Row {
            number: row,
            value: request,
        } = row;
        self.know_line(&request.line, row)?;
        let key = (request.line.clone(), request.voucher.clone());
        if let Some(earlier) = self.earlier(&key)? {
            // A row already stored is skipped even in a closed month:
            // re-importing an overlapping export changes nothing there.
            if earlier.payment.same_payment(&request) {
                self.already_present += 1;
                return Ok(());
            }
            return Err(conflict(row, &request, &earlier));
        }
        self.check_open(request.date).map_err(at_row(row))?;
        let id = self.first_id + self.rows_of_ids.len() as u64;
        self.rows_of_ids.push(row);
        self.used_here.insert(self.hasher.hash_one(&key));
        self.pending_vouchers.insert(key, self.pending.len());
        self.pending
            .push(self.ledger.disbursement_from(id, request));
        if self.pending.len() >= CHUNK {
            self.store_pending()?;
        }
        Ok(())
    }

    /// Stores what is pending, writes the id counter once, and logs the import.
    pub fn finish(mut self, origin: &str) -> Result<ImportSummary> {
        self.store_pending()?;
        let added = self.rows_of_ids.len();
        if added > 0 {
            self.w
                .set_last_id(COUNTER, self.first_id + added as u64 - 1)?;
        }
        let mut summary = ImportSummary {
            added,
            already_present: self.already_present,
            warnings: Vec::new(),
        };
        summary.warnings = overspent_lines(self.w, &self.lines)?;
        self.ledger
            .log_import(self.w, ImportKind::Disbursements, origin, &summary)?;
        Ok(summary)
    }

    fn know_line(&mut self, code: &str, row: usize) -> Result<()> {
        if !self.lines.contains_key(code) {
            let line = self.w.line(code)?.ok_or_else(|| Error::ImportRow {
                row,
                refusal: Refusal::UnknownLine(code.to_string()),
            })?;
            self.lines.insert(code.to_string(), line);
        }
        Ok(())
    }

    /// The month rule, read from the store once per month the file uses.
    fn check_open(&mut self, date: chrono::NaiveDate) -> Result<()> {
        let month = chrono::Datelike::month0(&date) as usize;
        if !self.open_months[month] {
            super::super::months::check_open(self.w, date)?;
            self.open_months[month] = true;
        }
        Ok(())
    }

    /// The row of this file, or the stored disbursement, with this (line, voucher).
    fn earlier(&self, key: &(String, String)) -> Result<Option<Earlier>> {
        if let Some(&at) = self.pending_vouchers.get(key) {
            return Ok(Some(self.in_file(self.pending[at].clone())));
        }
        if !self.ledger_had_vouchers && !self.used_here.contains(&self.hasher.hash_one(key)) {
            return Ok(None);
        }
        let Some(id) = self.w.voucher(&key.0, &key.1)? else {
            return Ok(None);
        };
        let Some(payment) = self.w.disbursement(id).ok().flatten() else {
            return Ok(None);
        };
        Ok(Some(if id >= self.first_id {
            self.in_file(payment)
        } else {
            Earlier {
                en: format!("disbursement #{id}"),
                zh: format!("支付 #{id}"),
                payment,
            }
        }))
    }

    fn in_file(&self, payment: Disbursement) -> Earlier {
        let row = self.rows_of_ids[(payment.id - self.first_id) as usize];
        Earlier {
            en: format!("row {row} of this file"),
            zh: format!("本文件第 {row} 行"),
            payment,
        }
    }

    fn store_pending(&mut self) -> Result<()> {
        let mut adding: HashMap<&str, Money> = HashMap::new();
        for d in &self.pending {
            *adding.entry(d.line.as_str()).or_default() += d.amount;
        }
        // Amounts are positive, so a bound that holds after each chunk
        // holds all along: checking per chunk refuses what the file would.
        for (code, amount) in adding {
            check_total_within_limit(self.w, code, amount)?;
        }
        self.w.insert_disbursements(&self.pending)?;
        self.pending.clear();
        self.pending_vouchers.clear();
        Ok(())
    }
}

fn conflict(row: usize, request: &NewDisbursement, earlier: &Earlier) -> Error {
    let existing = &earlier.payment;
    Error::ImportRow {
        row,
        refusal: Refusal::field_in(
            "voucher",
            format!(
                "'{}' on line {} conflicts with {} ({}, {}, {}); a voucher is recorded once per line",
                request.voucher,
                request.line,
                earlier.en,
                existing.date,
                yuan(existing.amount),
                existing.payee
            ),
            format!(
                "指标 {} 的凭证号“{}”与{}冲突（{}，{}，{}）；同一指标的凭证号只能记录一次",
                request.line,
                request.voucher,
                earlier.zh,
                existing.date,
                yuan(existing.amount),
                existing.payee
            ),
        ),
    }
}
