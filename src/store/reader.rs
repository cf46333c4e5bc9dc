//! Reads from one consistent snapshot.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use redb::{ReadTransaction, ReadableTable};

use super::Damage;
use super::compact::decode_disbursement;
pub use super::journal::{DisbursementQuery, JournalOrder};
use super::record::{Id, ProgressKey, Stored, amount_problem};
use super::tables::*;
use super::writer::collect_json;
use super::{LedgerMeta, LineTotals, StoreError};
use crate::domain::progress::Progress;
use crate::domain::settings::{LineSettings, NoteSection, Notes, ProjectSettings};
use crate::domain::spend_tag::SpendTag;
use crate::domain::{
    Adjustment, BudgetLine, Disbursement, Event, Indicator, Money, ScheduleItem, Vocabulary,
};

pub struct Reader {
    txn: ReadTransaction,
}

impl Reader {
    pub(super) fn new(txn: ReadTransaction) -> Reader {
        Reader { txn }
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        let table = self.txn.open_table(META)?;
        Ok(table.get(key)?.map(|v| v.value().to_string()))
    }

    pub fn ledger_meta(&self) -> Result<LedgerMeta, StoreError> {
        let missing = |key: &str| {
            StoreError::Corrupt(Damage::new(
                format!("the ledger's '{key}' setting is missing"),
                format!("账本缺少设置“{key}”"),
            ))
        };
        let year = self.meta("year")?.ok_or_else(|| missing("year"))?;
        Ok(LedgerMeta {
            year: year.parse().map_err(|_| {
                StoreError::Corrupt(Damage::new(
                    format!("the ledger's year '{year}' is unreadable"),
                    format!("账本年度“{year}”无法读取"),
                ))
            })?,
            department: self
                .meta("department")?
                .ok_or_else(|| missing("department"))?,
            created_by: self.meta("created_by")?.unwrap_or_default(),
        })
    }

    /// Every budget line, in code order.
    pub fn lines(&self) -> Result<Vec<BudgetLine>, StoreError> {
        let table = self.txn.open_table(LINES)?;
        let mut out = Vec::new();
        for entry in table.iter()? {
            let (code, value) = entry?;
            out.push(decode("lines", code.value(), value.value())?);
        }
        Ok(out)
    }

    pub fn line(&self, code: &str) -> Result<Option<BudgetLine>, StoreError> {
        let table = self.txn.open_table(LINES)?;
        table
            .get(code)?
            .map(|v| decode("lines", code, v.value()))
            .transpose()
    }

    /// The running totals of every line.
    pub fn all_totals(&self) -> Result<BTreeMap<String, LineTotals>, StoreError> {
        let table = self.txn.open_table(LINE_TOTALS)?;
        let mut out = BTreeMap::new();
        for entry in table.iter()? {
            let (code, value) = entry?;
            out.insert(
                code.value().to_string(),
                decode("line_totals", code.value(), value.value())?,
            );
        }
        Ok(out)
    }

    /// Net spent per line on or before `as_of`, from the daily totals.
    pub fn spent_until(&self, as_of: NaiveDate) -> Result<BTreeMap<String, Money>, StoreError> {
        let table = self.txn.open_table(DAILY_SPENT)?;
        let limit = day_key(as_of);
        let mut out: BTreeMap<String, Money> = BTreeMap::new();
        for entry in table.iter()? {
            let (key, fen) = entry?;
            let (line, day) = key.value();
            if day <= limit {
                *out.entry(line.to_string()).or_default() +=
                    cell("daily_spent", line, day, fen.value())?;
            }
        }
        Ok(out)
    }

    /// Net spent per line on the days `from..=to`, from the daily totals.
    pub fn spent_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<BTreeMap<String, Money>, StoreError> {
        let table = self.txn.open_table(DAILY_SPENT)?;
        let (from, to) = (day_key(from), day_key(to));
        let mut out: BTreeMap<String, Money> = BTreeMap::new();
        for entry in table.iter()? {
            let (key, fen) = entry?;
            let (line, day) = key.value();
            if (from..=to).contains(&day) {
                *out.entry(line.to_string()).or_default() +=
                    cell("daily_spent", line, day, fen.value())?;
            }
        }
        Ok(out)
    }

    /// Each line's last day with a payment on or before `as_of`.
    pub fn last_paid_until(
        &self,
        as_of: NaiveDate,
    ) -> Result<BTreeMap<String, NaiveDate>, StoreError> {
        let table = self.txn.open_table(DAILY_SPENT)?;
        let limit = day_key(as_of);
        let mut out: BTreeMap<String, NaiveDate> = BTreeMap::new();
        for entry in table.iter()? {
            let (key, fen) = entry?;
            let (line, day) = key.value();
            if day <= limit && fen.value() != 0 {
                let date = day_from_key(day);
                let last = out.entry(line.to_string()).or_insert(date);
                *last = (*last).max(date);
            }
        }
        Ok(out)
    }

    /// Net paid in each month of `year` on or before `as_of`, January first.
    pub fn paid_by_month(&self, year: i32, as_of: NaiveDate) -> Result<[Money; 12], StoreError> {
        let table = self.txn.open_table(DAILY_SPENT)?;
        let limit = day_key(as_of);
        let mut months = [Money::ZERO; 12];
        for entry in table.iter()? {
            let (key, fen) = entry?;
            let (line, day) = key.value();
            let date = day_from_key(day);
            if day <= limit && date.year() == year {
                months[date.month0() as usize] += cell("daily_spent", line, day, fen.value())?;
            }
        }
        Ok(months)
    }

    /// Net paid per line in each month of `year`, January first.
    pub fn paid_by_line_and_month(
        &self,
        year: i32,
    ) -> Result<BTreeMap<String, [Money; 12]>, StoreError> {
        let table = self.txn.open_table(DAILY_SPENT)?;
        let mut out: BTreeMap<String, [Money; 12]> = BTreeMap::new();
        for entry in table.iter()? {
            let (key, fen) = entry?;
            let (line, day) = key.value();
            let date = day_from_key(day);
            if date.year() == year {
                let months = out.entry(line.to_string()).or_insert([Money::ZERO; 12]);
                months[date.month0() as usize] += cell("daily_spent", line, day, fen.value())?;
            }
        }
        Ok(out)
    }

    /// Net paid on one contract of one line, on or before `as_of`.
    pub fn contract_paid_until(
        &self,
        line: &str,
        contract: &str,
        as_of: NaiveDate,
    ) -> Result<Money, StoreError> {
        let table = self.txn.open_table(CONTRACT_DAILY)?;
        let mut paid = Money::ZERO;
        for entry in table.range((line, contract, 0)..=(line, contract, day_key(as_of)))? {
            let (key, fen) = entry?;
            paid += cell("contract_daily", line, key.value().2, fen.value())?;
        }
        Ok(paid)
    }

    /// Which of `ids` are reversed, each with the entry that reverses it.
    pub fn reversals_of(&self, ids: &[u64]) -> Result<BTreeMap<u64, u64>, StoreError> {
        let table = self.txn.open_table(REVERSALS)?;
        let mut found = BTreeMap::new();
        for &id in ids {
            if let Some(by) = table.get(id)? {
                found.insert(id, by.value());
            }
        }
        Ok(found)
    }

    pub fn adjustments(&self) -> Result<Vec<Adjustment>, StoreError> {
        collect_json(&self.txn.open_table(ADJUSTMENTS)?, "adjustments")
    }

    pub fn schedule(&self) -> Result<Vec<ScheduleItem>, StoreError> {
        collect_json(&self.txn.open_table(SCHEDULE)?, "schedule")
    }

    pub fn indicators(&self) -> Result<Vec<Indicator>, StoreError> {
        collect_json(&self.txn.open_table(INDICATORS)?, "indicators")
    }

    pub fn disbursement(&self, id: u64) -> Result<Option<Disbursement>, StoreError> {
        let table = self.txn.open_table(DISBURSEMENTS)?;
        table
            .get(id)?
            .map(|v| decode_disbursement(id, v.value()))
            .transpose()
    }

    /// The disbursements `query` selects, in its order, a page at a time
    /// (see `journal`).
    pub fn disbursements(
        &self,
        query: &DisbursementQuery,
    ) -> Result<Vec<Disbursement>, StoreError> {
        super::journal::list(&self.txn, query)
    }

    /// Visits every disbursement in id order; for checks that must read them all.
    pub fn each_disbursement(&self, mut visit: impl FnMut(Disbursement)) -> Result<(), StoreError> {
        let table = self.txn.open_table(DISBURSEMENTS)?;
        for entry in table.iter()? {
            let (id, value) = entry?;
            visit(decode_disbursement(id.value(), value.value())?);
        }
        Ok(())
    }

    pub fn role(&self, user: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .txn
            .open_table(USERS)?
            .get(user)?
            .map(|v| v.value().to_string()))
    }

    /// Every user with a role, by name.
    pub fn users(&self) -> Result<Vec<(String, String)>, StoreError> {
        let table = self.txn.open_table(USERS)?;
        let mut out = Vec::new();
        for entry in table.iter()? {
            let (user, role) = entry?;
            out.push((user.value().to_string(), role.value().to_string()));
        }
        Ok(out)
    }

    /// The settings stored per line; a line missing here has the defaults.
    pub fn line_settings(&self) -> Result<BTreeMap<String, LineSettings>, StoreError> {
        collect_named_json(&self.txn.open_table(LINE_SETTINGS)?, "line_settings")
    }

    /// The settings stored per project; a project missing here has the defaults.
    pub fn project_settings(&self) -> Result<BTreeMap<String, ProjectSettings>, StoreError> {
        collect_named_json(&self.txn.open_table(PROJECT_SETTINGS)?, "project_settings")
    }

    /// The form facts stored per project; a project missing here has written none.
    pub fn project_facts(
        &self,
    ) -> Result<BTreeMap<String, crate::domain::facts::ProjectFacts>, StoreError> {
        collect_named_json(&self.txn.open_table(PROJECT_FACTS)?, "project_facts")
    }

    /// Every indicator's progress values, by indicator and then date.
    pub fn progress(&self) -> Result<Vec<Progress>, StoreError> {
        let table = self.txn.open_table(PROGRESS)?;
        let mut out = Vec::new();
        for entry in table.iter()? {
            let (key, value) = entry?;
            let (id, day) = key.value();
            out.push(decode("progress", ProgressKey(id, day), value.value())?);
        }
        Ok(out)
    }

    /// The sections of the report written so far.
    pub fn notes(&self) -> Result<Notes, StoreError> {
        let table = self.txn.open_table(NOTES)?;
        let mut out = Notes::new();
        for entry in table.iter()? {
            let (code, text) = entry?;
            let section = NoteSection::parse(code.value()).map_err(|_| {
                let code = code.value();
                StoreError::Corrupt(Damage::new(
                    format!("a note has an unknown section '{code}'"),
                    format!("说明中有未知栏目“{code}”"),
                ))
            })?;
            out.insert(section, text.value().to_string());
        }
        Ok(out)
    }

    /// The newest events first.
    pub fn events(&self, limit: usize) -> Result<Vec<Event>, StoreError> {
        let table = self.txn.open_table(EVENTS)?;
        let mut out = Vec::new();
        for entry in table.iter()?.rev().take(limit) {
            let (id, value) = entry?;
            out.push(decode("events", Id(id.value()), value.value())?);
        }
        Ok(out)
    }

    /// Reads every record and running total of every table, for `check`:
    /// the first that cannot be read, or that holds an amount past the bound,
    /// is the error, naming it.
    pub fn read_every_record(&self) -> Result<(), StoreError> {
        self.lines()?;
        self.all_totals()?;
        self.adjustments()?;
        self.schedule()?;
        self.indicators()?;
        self.each_disbursement(|_| {})?;
        self.line_settings()?;
        self.project_settings()?;
        self.notes()?;
        self.project_facts()?;
        self.progress()?;
        self.spent_until(NaiveDate::MAX)?;
        self.contract_totals()?;
        self.tagged_until(NaiveDate::MAX)?;
        let events = self.txn.open_table(EVENTS)?;
        for entry in events.iter()? {
            let (id, value) = entry?;
            decode::<Event>("events", Id(id.value()), value.value())?;
        }
        Ok(())
    }

    /// Walks the event log's hash chain (see `chain`): how many events it
    /// links and its head, as hex; the first event that breaks it is the error.
    pub fn event_chain(&self) -> Result<(u64, String), StoreError> {
        let last_id = self
            .txn
            .open_table(COUNTERS)?
            .get("event")?
            .map_or(0, |v| v.value());
        let walked = super::chain::walk(
            &self.txn.open_table(EVENTS)?,
            &self.txn.open_table(EVENT_HASHES)?,
            last_id,
        )?;
        Ok((walked.events, super::chain::hex(&walked.head)))
    }

    /// Net paid by tagged payments on or before `as_of`, per tag and line.
    /// The table holds only tagged days, so reading it whole stays cheap.
    pub fn tagged_until(
        &self,
        as_of: NaiveDate,
    ) -> Result<BTreeMap<SpendTag, BTreeMap<String, Money>>, StoreError> {
        let table = self.txn.open_table(TAG_DAILY)?;
        let last = day_key(as_of);
        let mut out: BTreeMap<SpendTag, BTreeMap<String, Money>> = BTreeMap::new();
        for entry in table.iter()? {
            let (key, fen) = entry?;
            let (tag, line, day) = key.value();
            let amount = cell("tag_daily", line, day, fen.value())?;
            let tag = SpendTag::parse(tag).map_err(|e| {
                StoreError::Corrupt(Damage::new(
                    format!("table 'tag_daily' holds an unknown tag: {e}"),
                    format!("表“tag_daily”中有未知标记：{e}"),
                ))
            })?;
            if day <= last {
                *out.entry(tag)
                    .or_default()
                    .entry(line.to_string())
                    .or_default() += amount;
            }
        }
        Ok(out)
    }

    /// The stored running totals per (line, contract): for integrity checks.
    pub fn contract_totals(&self) -> Result<BTreeMap<(String, String), Money>, StoreError> {
        let table = self.txn.open_table(CONTRACT_DAILY)?;
        let mut out: BTreeMap<(String, String), Money> = BTreeMap::new();
        for entry in table.iter()? {
            let (key, fen) = entry?;
            let (line, contract, day) = key.value();
            *out.entry((line.to_string(), contract.to_string()))
                .or_default() += cell("contract_daily", line, day, fen.value())?;
        }
        Ok(out)
    }
}

/// A day's net of a running-total table as money, refused past the bound
/// (the writer keeps every cell inside it).
fn cell(table: &'static str, line: &str, day: u32, fen: i64) -> Result<Money, StoreError> {
    let amount = Money::from_fen(fen);
    if amount.within_limit() {
        return Ok(amount);
    }
    let (day, problem) = (day_from_key(day), amount_problem("net", amount));
    Err(StoreError::Corrupt(Damage::new(
        format!("the cell ({line}, {day}) of table '{table}' {}", problem.en),
        format!("表“{table}”的单元（{line}，{day}）{}", problem.zh),
    )))
}

/// Every record of a table keyed by name, decoded.
fn collect_named_json<T: Stored>(
    table: &impl ReadableTable<&'static str, &'static [u8]>,
    name: &'static str,
) -> Result<BTreeMap<String, T>, StoreError> {
    let mut out = BTreeMap::new();
    for entry in table.iter()? {
        let (key, value) = entry?;
        out.insert(
            key.value().to_string(),
            decode(name, key.value(), value.value())?,
        );
    }
    Ok(out)
}
