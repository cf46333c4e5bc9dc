//! Writes inside one transaction. Each insert keeps its indexes and running
//! totals in step in the same transaction — there is no way to store a
//! disbursement without updating the totals it changes.

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::ops::{Deref, DerefMut};
use std::rc::Rc;

use chrono::NaiveDate;
use redb::{ReadableTable, Table, WriteTransaction};

use super::compact::{decode_disbursement, encode_disbursement};
use super::record::{Id, ProgressKey, Stored};
use super::tables::*;
use super::{LineTotals, StoreError};
use crate::domain::progress::Progress;
use crate::domain::settings::{LineSettings, NoteSection, ProjectSettings};
use crate::domain::spend_tag::SpendTag;
use crate::domain::{
    Adjustment, BudgetLine, Disbursement, Event, Indicator, Money, ScheduleItem, Vocabulary,
};

pub struct Writer<'t> {
    /// Set by the first change through any table: a refused write that
    /// changed nothing can be left out of its batch without aborting it.
    wrote: Rc<Cell<bool>>,
    meta: Tracked<'t, &'static str, &'static str>,
    counters: Tracked<'t, &'static str, u64>,
    lines: Tracked<'t, &'static str, &'static [u8]>,
    totals: Tracked<'t, &'static str, &'static [u8]>,
    daily: Tracked<'t, (&'static str, u32), i64>,
    contract_daily: Tracked<'t, (&'static str, &'static str, u32), i64>,
    tag_daily: Tracked<'t, (&'static str, &'static str, u32), i64>,
    adjustments: Tracked<'t, u64, &'static [u8]>,
    disbursements: Tracked<'t, u64, &'static [u8]>,
    vouchers: Tracked<'t, (&'static str, &'static str), u64>,
    by_line_date: Tracked<'t, (&'static str, u32, u64), ()>,
    by_date: Tracked<'t, (u32, u64), ()>,
    by_payee: Tracked<'t, (&'static str, u64), ()>,
    reversals: Tracked<'t, u64, u64>,
    schedule: Tracked<'t, u64, &'static [u8]>,
    indicators: Tracked<'t, u64, &'static [u8]>,
    events: Tracked<'t, u64, &'static [u8]>,
    event_hashes: Tracked<'t, u64, &'static [u8]>,
    users: Tracked<'t, &'static str, &'static str>,
    line_settings: Tracked<'t, &'static str, &'static [u8]>,
    project_settings: Tracked<'t, &'static str, &'static [u8]>,
    notes: Tracked<'t, &'static str, &'static str>,
    project_facts: Tracked<'t, &'static str, &'static [u8]>,
    progress: Tracked<'t, (u64, u32), &'static [u8]>,
}

impl<'t> Writer<'t> {
    pub(super) fn open(txn: &'t WriteTransaction) -> Result<Writer<'t>, StoreError> {
        let wrote = Rc::new(Cell::new(false));
        Ok(Writer {
            meta: Tracked::new(txn.open_table(META)?, &wrote),
            counters: Tracked::new(txn.open_table(COUNTERS)?, &wrote),
            lines: Tracked::new(txn.open_table(LINES)?, &wrote),
            totals: Tracked::new(txn.open_table(LINE_TOTALS)?, &wrote),
            daily: Tracked::new(txn.open_table(DAILY_SPENT)?, &wrote),
            contract_daily: Tracked::new(txn.open_table(CONTRACT_DAILY)?, &wrote),
            tag_daily: Tracked::new(txn.open_table(TAG_DAILY)?, &wrote),
            adjustments: Tracked::new(txn.open_table(ADJUSTMENTS)?, &wrote),
            disbursements: Tracked::new(txn.open_table(DISBURSEMENTS)?, &wrote),
            vouchers: Tracked::new(txn.open_table(VOUCHERS)?, &wrote),
            by_line_date: Tracked::new(txn.open_table(BY_LINE_DATE)?, &wrote),
            by_date: Tracked::new(txn.open_table(BY_DATE)?, &wrote),
            by_payee: Tracked::new(txn.open_table(BY_PAYEE)?, &wrote),
            reversals: Tracked::new(txn.open_table(REVERSALS)?, &wrote),
            schedule: Tracked::new(txn.open_table(SCHEDULE)?, &wrote),
            indicators: Tracked::new(txn.open_table(INDICATORS)?, &wrote),
            events: Tracked::new(txn.open_table(EVENTS)?, &wrote),
            event_hashes: Tracked::new(txn.open_table(EVENT_HASHES)?, &wrote),
            users: Tracked::new(txn.open_table(USERS)?, &wrote),
            line_settings: Tracked::new(txn.open_table(LINE_SETTINGS)?, &wrote),
            project_settings: Tracked::new(txn.open_table(PROJECT_SETTINGS)?, &wrote),
            notes: Tracked::new(txn.open_table(NOTES)?, &wrote),
            project_facts: Tracked::new(txn.open_table(PROJECT_FACTS)?, &wrote),
            progress: Tracked::new(txn.open_table(PROGRESS)?, &wrote),
            wrote,
        })
    }

    /// Whether this write has changed anything yet.
    pub(super) fn wrote(&self) -> bool {
        self.wrote.get()
    }

    // ---- reads a command needs to check its rules -------------------------

    pub fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.meta.get(key)?.map(|v| v.value().to_string()))
    }

    pub fn line(&self, code: &str) -> Result<Option<BudgetLine>, StoreError> {
        self.lines
            .get(code)?
            .map(|v| decode("lines", code, v.value()))
            .transpose()
    }

    pub fn lines(&self) -> Result<Vec<BudgetLine>, StoreError> {
        let mut out = Vec::new();
        for entry in self.lines.iter()? {
            let (code, value) = entry?;
            out.push(decode("lines", code.value(), value.value())?);
        }
        Ok(out)
    }

    pub fn totals(&self, code: &str) -> Result<LineTotals, StoreError> {
        Ok(self
            .totals
            .get(code)?
            .map(|v| decode("line_totals", code, v.value()))
            .transpose()?
            .unwrap_or_default())
    }

    pub fn voucher(&self, line: &str, voucher: &str) -> Result<Option<u64>, StoreError> {
        Ok(self.vouchers.get((voucher, line))?.map(|v| v.value()))
    }

    /// Whether any disbursement's voucher is indexed yet.
    pub fn has_vouchers(&self) -> Result<bool, StoreError> {
        Ok(self.vouchers.first()?.is_some())
    }

    pub fn disbursement(&self, id: u64) -> Result<Option<Disbursement>, StoreError> {
        self.disbursements
            .get(id)?
            .map(|v| decode_disbursement(id, v.value()))
            .transpose()
    }

    pub fn reversal_of(&self, id: u64) -> Result<Option<u64>, StoreError> {
        Ok(self.reversals.get(id)?.map(|v| v.value()))
    }

    pub fn adjustments(&self) -> Result<Vec<Adjustment>, StoreError> {
        collect_json(&*self.adjustments, "adjustments")
    }

    pub fn schedule(&self) -> Result<Vec<ScheduleItem>, StoreError> {
        collect_json(&*self.schedule, "schedule")
    }

    pub fn indicators(&self) -> Result<Vec<Indicator>, StoreError> {
        collect_json(&*self.indicators, "indicators")
    }

    pub fn indicator(&self, id: u64) -> Result<Option<Indicator>, StoreError> {
        self.indicators
            .get(id)?
            .map(|v| decode("indicators", Id(id), v.value()))
            .transpose()
    }

    pub fn role(&self, user: &str) -> Result<Option<String>, StoreError> {
        Ok(self.users.get(user)?.map(|v| v.value().to_string()))
    }

    /// Every user with a role, by name, as this transaction sees them.
    pub fn users(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut out = Vec::new();
        for entry in self.users.iter()? {
            let (user, role) = entry?;
            out.push((user.value().to_string(), role.value().to_string()));
        }
        Ok(out)
    }

    /// A line's stored settings; `None` means it has the defaults.
    pub fn line_settings(&self, code: &str) -> Result<Option<LineSettings>, StoreError> {
        self.line_settings
            .get(code)?
            .map(|v| decode("line_settings", code, v.value()))
            .transpose()
    }

    /// A project's stored settings; `None` means it has the defaults.
    pub fn project_settings(&self, project: &str) -> Result<Option<ProjectSettings>, StoreError> {
        self.project_settings
            .get(project)?
            .map(|v| decode("project_settings", project, v.value()))
            .transpose()
    }

    /// A project's stored form facts; `None` means it has written none.
    pub fn project_facts(
        &self,
        project: &str,
    ) -> Result<Option<crate::domain::facts::ProjectFacts>, StoreError> {
        self.project_facts
            .get(project)?
            .map(|v| decode("project_facts", project, v.value()))
            .transpose()
    }

    /// An indicator's stored progress value of a day, if one is recorded.
    pub fn progress_on(
        &self,
        indicator: u64,
        date: NaiveDate,
    ) -> Result<Option<Progress>, StoreError> {
        let day = day_key(date);
        self.progress
            .get((indicator, day))?
            .map(|v| decode("progress", ProgressKey(indicator, day), v.value()))
            .transpose()
    }

    // ---- writes ------------------------------------------------------------

    /// Stores a progress value, replacing the indicator's value of that day.
    pub fn put_progress(&mut self, progress: &Progress) -> Result<(), StoreError> {
        self.progress.insert(
            (progress.indicator, day_key(progress.date)),
            encode(progress).as_slice(),
        )?;
        Ok(())
    }

    pub fn put_project_facts(
        &mut self,
        project: &str,
        facts: &crate::domain::facts::ProjectFacts,
    ) -> Result<(), StoreError> {
        self.project_facts
            .insert(project, encode(facts).as_slice())?;
        Ok(())
    }

    pub fn put_line_settings(
        &mut self,
        code: &str,
        settings: &LineSettings,
    ) -> Result<(), StoreError> {
        self.line_settings
            .insert(code, encode(settings).as_slice())?;
        Ok(())
    }

    pub fn put_project_settings(
        &mut self,
        project: &str,
        settings: &ProjectSettings,
    ) -> Result<(), StoreError> {
        self.project_settings
            .insert(project, encode(settings).as_slice())?;
        Ok(())
    }

    /// Writes a section of the report's notes, or clears it with `None`.
    pub fn set_note(&mut self, section: NoteSection, text: Option<&str>) -> Result<(), StoreError> {
        match text {
            Some(text) => self.notes.insert(section.code(), text)?,
            None => self.notes.remove(section.code())?,
        };
        Ok(())
    }

    pub fn set_role(&mut self, user: &str, role: Option<&str>) -> Result<(), StoreError> {
        match role {
            Some(role) => self.users.insert(user, role)?,
            None => self.users.remove(user)?,
        };
        Ok(())
    }

    pub fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.meta.insert(key, value)?;
        Ok(())
    }

    /// The next id of a kind of record; ids are never reused.
    pub fn next_id(&mut self, counter: &str) -> Result<u64, StoreError> {
        let next = self.last_id(counter)? + 1;
        self.set_last_id(counter, next)?;
        Ok(next)
    }

    /// The last id handed out of a kind of record; 0 before the first.
    pub fn last_id(&self, counter: &str) -> Result<u64, StoreError> {
        Ok(self.counters.get(counter)?.map_or(0, |v| v.value()))
    }

    /// Records `last` as the last id handed out: an import takes a run of
    /// ids after [`Self::last_id`] and writes the counter once, not per row.
    pub fn set_last_id(&mut self, counter: &str, last: u64) -> Result<(), StoreError> {
        self.counters.insert(counter, last)?;
        Ok(())
    }

    pub fn put_line(&mut self, line: &BudgetLine) -> Result<(), StoreError> {
        self.lines
            .insert(line.code.as_str(), encode(line).as_slice())?;
        if self.totals.get(line.code.as_str())?.is_none() {
            self.put_totals(&line.code, &LineTotals::default())?;
        }
        Ok(())
    }

    fn put_totals(&mut self, code: &str, totals: &LineTotals) -> Result<(), StoreError> {
        // Never write a total the store would refuse to read back. The
        // ledger refuses such a payment or adjustment first, by field.
        if !(totals.spent.within_limit() && totals.adjusted.within_limit()) {
            return Err(StoreError::OutOfBound(super::Damage::new(
                format!("the running totals of line {code}"),
                format!("指标 {code} 的累计数"),
            )));
        }
        self.totals.insert(code, encode(totals).as_slice())?;
        Ok(())
    }

    /// Records an adjustment and moves the budget of its line (and of the line
    /// the money comes from, for a transfer).
    pub fn insert_adjustment(&mut self, adjustment: &Adjustment) -> Result<(), StoreError> {
        self.adjustments
            .insert(adjustment.id, encode(adjustment).as_slice())?;
        let mut totals = self.totals(&adjustment.line)?;
        totals.adjusted += adjustment.amount;
        self.put_totals(&adjustment.line, &totals)?;
        if let Some(from) = &adjustment.from_line {
            let mut totals = self.totals(from)?;
            totals.adjusted -= adjustment.amount;
            self.put_totals(from, &totals)?;
        }
        Ok(())
    }

    /// Records disbursements with their indexes and the running totals they
    /// change. Totals are summed in memory and written once per line, and
    /// each day's cells once per day, which keeps a 100k-row import to one
    /// update per line and day rather than per row; index keys go in in key
    /// order, so each index is walked once, left to right.
    pub fn insert_disbursements(&mut self, entries: &[Disbursement]) -> Result<(), StoreError> {
        let mut line_deltas: HashMap<&str, (Money, u64, Option<NaiveDate>)> = HashMap::new();
        let mut days: BTreeMap<(&str, u32), (Money, NaiveDate)> = BTreeMap::new();
        let mut contract_days: BTreeMap<(&str, &str, u32), (Money, NaiveDate)> = BTreeMap::new();
        let mut tag_days: BTreeMap<(&str, &str, u32), (Money, NaiveDate, SpendTag)> =
            BTreeMap::new();
        for d in entries {
            let day = day_key(d.date);
            self.disbursements
                .insert(d.id, encode_disbursement(d).as_slice())?;
            if let Some(original) = d.reverses {
                self.reversals.insert(original, d.id)?;
            }
            days.entry((d.line.as_str(), day))
                .or_insert((Money::ZERO, d.date))
                .0 += d.amount;
            if let Some(contract) = &d.contract {
                contract_days
                    .entry((d.line.as_str(), contract.as_str(), day))
                    .or_insert((Money::ZERO, d.date))
                    .0 += d.amount;
            }
            for tag in &d.tags {
                tag_days
                    .entry((tag.code(), d.line.as_str(), day))
                    .or_insert((Money::ZERO, d.date, *tag))
                    .0 += d.amount;
            }
            let delta = line_deltas.entry(d.line.as_str()).or_default();
            delta.0 += d.amount;
            delta.1 += 1;
            delta.2 = delta.2.max(Some(d.date));
        }
        let mut keys: Vec<&Disbursement> = entries.iter().collect();
        // stable: of two entries with one voucher the later is indexed, as before
        keys.sort_by(|a, b| (&a.voucher, &a.line).cmp(&(&b.voucher, &b.line)));
        for d in &keys {
            self.vouchers
                .insert((d.voucher.as_str(), d.line.as_str()), d.id)?;
        }
        self.index_journal(keys)?;
        let net_of_day = |line: &str, date: NaiveDate| {
            super::Damage::new(
                format!("the net paid on line {line} on {date}"),
                format!("指标 {line} 在 {date} 的净支付额"),
            )
        };
        for ((line, day), (amount, date)) in days {
            add_fen(&mut self.daily, (line, day), amount, || {
                net_of_day(line, date)
            })?;
        }
        for ((line, contract, day), (amount, date)) in contract_days {
            add_fen(
                &mut self.contract_daily,
                (line, contract, day),
                amount,
                || {
                    let net = net_of_day(line, date);
                    super::Damage::new(
                        format!("{} on contract {contract}", net.en),
                        format!("{}（合同 {contract}）", net.zh),
                    )
                },
            )?;
        }
        for ((code, line, day), (amount, date, tag)) in tag_days {
            add_fen(&mut self.tag_daily, (code, line, day), amount, || {
                let net = net_of_day(line, date);
                super::Damage::new(
                    format!("{} tagged {tag}", net.en),
                    format!("{}（标记 {}）", net.zh, tag.zh()),
                )
            })?;
        }
        for (line, (spent, count, last)) in line_deltas {
            let mut totals = self.totals(line)?;
            totals.spent += spent;
            totals.entries += count;
            totals.last_paid_on = totals.last_paid_on.max(last);
            self.put_totals(line, &totals)?;
        }
        Ok(())
    }

    /// Indexes entries for the journal's orders, each index's keys in its
    /// own order, so each index is walked once, left to right.
    fn index_journal(&mut self, mut keys: Vec<&Disbursement>) -> Result<(), StoreError> {
        keys.sort_unstable_by_key(|d| (d.line.as_str(), day_key(d.date), d.id));
        for d in &keys {
            self.by_line_date
                .insert((d.line.as_str(), day_key(d.date), d.id), ())?;
        }
        keys.sort_unstable_by_key(|d| (day_key(d.date), d.id));
        for d in &keys {
            self.by_date.insert((day_key(d.date), d.id), ())?;
        }
        keys.sort_unstable_by_key(|d| (d.payee.as_str(), d.id));
        for d in &keys {
            self.by_payee.insert((d.payee.as_str(), d.id), ())?;
        }
        Ok(())
    }

    pub fn insert_schedule_item(&mut self, item: &ScheduleItem) -> Result<(), StoreError> {
        self.schedule.insert(item.id, encode(item).as_slice())?;
        Ok(())
    }

    pub fn put_indicator(&mut self, indicator: &Indicator) -> Result<(), StoreError> {
        self.indicators
            .insert(indicator.id, encode(indicator).as_slice())?;
        Ok(())
    }

    /// Appends to the event log and its hash chain; the id is assigned here.
    pub fn log(&mut self, mut event: Event) -> Result<u64, StoreError> {
        event.id = self.next_id("event")?;
        let stored = encode(&event);
        self.events.insert(event.id, stored.as_slice())?;
        super::chain::append(&mut self.event_hashes, event.id, &stored)?;
        Ok(event.id)
    }
}

/// A table of the write that notes any change made through it: every
/// insert and remove needs `&mut Table`, which only `deref_mut` hands out.
struct Tracked<'t, K: redb::Key + 'static, V: redb::Value + 'static> {
    table: Table<'t, K, V>,
    wrote: Rc<Cell<bool>>,
}

impl<'t, K: redb::Key + 'static, V: redb::Value + 'static> Tracked<'t, K, V> {
    fn new(table: Table<'t, K, V>, wrote: &Rc<Cell<bool>>) -> Self {
        Tracked {
            table,
            wrote: Rc::clone(wrote),
        }
    }
}

impl<'t, K: redb::Key + 'static, V: redb::Value + 'static> Deref for Tracked<'t, K, V> {
    type Target = Table<'t, K, V>;
    fn deref(&self) -> &Self::Target {
        &self.table
    }
}

impl<K: redb::Key + 'static, V: redb::Value + 'static> DerefMut for Tracked<'_, K, V> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.wrote.set(true);
        &mut self.table
    }
}

fn add_fen<K: redb::Key + 'static>(
    table: &mut Table<'_, K, i64>,
    key: K::SelfType<'_>,
    amount: Money,
    what: impl FnOnce() -> super::Damage,
) -> Result<(), StoreError>
where
    for<'a> K::SelfType<'a>: Clone,
{
    let current = table.get(key.clone())?.map_or(0, |v| v.value());
    // A day's cell keeps the bound every amount keeps, so the sums read from
    // these tables are as safe as the sums of records.
    let next = i64::try_from(amount.fen())
        .ok()
        .and_then(|fen| current.checked_add(fen))
        .filter(|&next| Money::from_fen(next).within_limit())
        .ok_or_else(|| StoreError::OutOfBound(what()))?;
    table.insert(key, next)?;
    Ok(())
}

pub(super) fn collect_json<T: Stored>(
    table: &impl ReadableTable<u64, &'static [u8]>,
    name: &'static str,
) -> Result<Vec<T>, StoreError> {
    let mut out = Vec::new();
    for entry in table.iter()? {
        let (id, value) = entry?;
        out.push(decode(name, Id(id.value()), value.value())?);
    }
    Ok(out)
}

/// Writes as a hand-edited file or an older outlay would leave them: around
/// the bound and the running totals, for tests of what reading such a file does.
#[cfg(test)]
impl Writer<'_> {
    pub(crate) fn plant_adjustment(&mut self, adjustment: &Adjustment) -> Result<(), StoreError> {
        self.adjustments
            .insert(adjustment.id, encode(adjustment).as_slice())?;
        Ok(())
    }

    pub(crate) fn plant_disbursement(&mut self, d: &Disbursement) -> Result<(), StoreError> {
        self.disbursements
            .insert(d.id, encode_disbursement(d).as_slice())?;
        self.index_journal(vec![d])
    }

    pub(crate) fn plant_totals(
        &mut self,
        code: &str,
        totals: &LineTotals,
    ) -> Result<(), StoreError> {
        self.totals.insert(code, encode(totals).as_slice())?;
        Ok(())
    }

    pub(crate) fn plant_daily_cell(
        &mut self,
        line: &str,
        date: NaiveDate,
        contract: Option<&str>,
        fen: i64,
    ) -> Result<(), StoreError> {
        self.daily.insert((line, day_key(date)), fen)?;
        if let Some(contract) = contract {
            self.contract_daily
                .insert((line, contract, day_key(date)), fen)?;
        }
        Ok(())
    }
}
