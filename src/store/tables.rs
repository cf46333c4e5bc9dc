//! The redb tables and how values are encoded in them.
//!
//! Records are stored as JSON so that a later schema can add optional fields
//! without rewriting old rows — all but disbursements, which a ledger holds by
//! the million and keeps in a compact binary layout (`compact`, since schema
//! 9); running totals are integers (fen) so that updating them on every
//! disbursement is cheap and exact.

use chrono::{Datelike, NaiveDate};
use redb::{Key, TableDefinition, Value};
use serde::Serialize;

use super::StoreError;
use super::record::Stored;
use crate::domain::Money;

/// Settings and identity of the ledger: `schema_version`, `year`, `department` …
pub const META: TableDefinition<&str, &str> = TableDefinition::new("meta");
/// The last id handed out, per kind of record.
pub const COUNTERS: TableDefinition<&str, u64> = TableDefinition::new("counters");
/// code → BudgetLine
pub const LINES: TableDefinition<&str, &[u8]> = TableDefinition::new("lines");
/// code → LineTotals (running totals, kept in step with every write)
pub const LINE_TOTALS: TableDefinition<&str, &[u8]> = TableDefinition::new("line_totals");
/// (line, day number) → net fen paid that day; answers "spent as of a date" without
/// reading disbursements.
pub const DAILY_SPENT: TableDefinition<(&str, u32), i64> = TableDefinition::new("daily_spent");
/// (tag, line, day number) → net fen paid that day by payments tagged so (三公经费
/// / 政府采购). Since schema 6.
pub const TAG_DAILY: TableDefinition<(&str, &str, u32), i64> = TableDefinition::new("tag_daily");
/// (line, contract, day number) → net fen paid on that contract that day.
pub const CONTRACT_DAILY: TableDefinition<(&str, &str, u32), i64> =
    TableDefinition::new("contract_daily");
/// id → Adjustment
pub const ADJUSTMENTS: TableDefinition<u64, &[u8]> = TableDefinition::new("adjustments");
/// id → Disbursement, in the compact layout (`compact`)
pub const DISBURSEMENTS: TableDefinition<u64, &[u8]> = TableDefinition::new("disbursements");
/// (voucher, line) → disbursement id: a voucher is unique on its line, and
/// the journal by voucher reads this in key order. Since schema 9 (before,
/// "vouchers", keyed (line, voucher)).
pub const VOUCHERS: TableDefinition<(&str, &str), u64> = TableDefinition::new("voucher_lines");
/// (line, day number, id): one line's disbursements in date order, so a page
/// of its newest is a short range, whatever the ledger's size. Since schema 8.
pub const BY_LINE_DATE: TableDefinition<(&str, u32, u64), ()> =
    TableDefinition::new("disbursements_by_line_date");
/// (payee, id): the journal by payee. Since schema 9.
pub const BY_PAYEE: TableDefinition<(&str, u64), ()> =
    TableDefinition::new("disbursements_by_payee");
/// (day number, id): the journal in date order and by month without a full scan.
pub const BY_DATE: TableDefinition<(u32, u64), ()> = TableDefinition::new("disbursements_by_date");
/// reversed id → reversing id: a disbursement can be reversed once.
pub const REVERSALS: TableDefinition<u64, u64> = TableDefinition::new("reversals");
/// id → ScheduleItem
pub const SCHEDULE: TableDefinition<u64, &[u8]> = TableDefinition::new("schedule");
/// id → Indicator
pub const INDICATORS: TableDefinition<u64, &[u8]> = TableDefinition::new("indicators");
/// Unix user name → role (`viewer`, `clerk`, `admin`). Since schema 2.
pub const USERS: TableDefinition<&str, &str> = TableDefinition::new("users");
/// line code → LineSettings (paced, carry-over); a line without a row has the
/// defaults. Since schema 3.
pub const LINE_SETTINGS: TableDefinition<&str, &[u8]> = TableDefinition::new("line_settings");
/// project name → ProjectSettings (weights, reason). Since schema 3.
pub const PROJECT_SETTINGS: TableDefinition<&str, &[u8]> = TableDefinition::new("project_settings");
/// note section code (`conclusion`, `problems`, `improvements`) → its text; an
/// unwritten section has no row. Since schema 3.
pub const NOTES: TableDefinition<&str, &str> = TableDefinition::new("notes");
/// project name → ProjectFacts (implementer, goals, the form's prose and
/// signatures); a project without a row has written none. Since schema 5.
pub const PROJECT_FACTS: TableDefinition<&str, &[u8]> = TableDefinition::new("project_facts");
/// (indicator id, day number) → Progress: an indicator's dated in-year
/// values (绩效运行监控), one per day; recording a day again replaces it.
/// Since schema 7.
pub const PROGRESS: TableDefinition<(u64, u32), &[u8]> = TableDefinition::new("progress");
/// id → Event (append-only)
pub const EVENTS: TableDefinition<u64, &[u8]> = TableDefinition::new("events");
/// event id → SHA-256 link of the event log's hash chain (see `chain`). Since schema 4.
pub const EVENT_HASHES: TableDefinition<u64, &[u8]> = TableDefinition::new("event_hashes");

/// Something done to every table above, each with its own key and value types.
pub trait TableVisitor {
    fn table<K: Key + 'static, V: Value + 'static>(
        &mut self,
        table: TableDefinition<'static, K, V>,
    ) -> Result<(), StoreError>;
}

/// Visits every table of the ledger. A table added above must be added here
/// too, or a backup refuses to run (it would miss the table): the backup's
/// tests compare the tables of a new ledger with those of its copy.
pub fn each_table(visitor: &mut impl TableVisitor) -> Result<(), StoreError> {
    visitor.table(META)?;
    visitor.table(COUNTERS)?;
    visitor.table(LINES)?;
    visitor.table(LINE_TOTALS)?;
    visitor.table(DAILY_SPENT)?;
    visitor.table(CONTRACT_DAILY)?;
    visitor.table(TAG_DAILY)?;
    visitor.table(ADJUSTMENTS)?;
    visitor.table(DISBURSEMENTS)?;
    visitor.table(VOUCHERS)?;
    visitor.table(BY_LINE_DATE)?;
    visitor.table(BY_DATE)?;
    visitor.table(BY_PAYEE)?;
    visitor.table(REVERSALS)?;
    visitor.table(SCHEDULE)?;
    visitor.table(INDICATORS)?;
    visitor.table(USERS)?;
    visitor.table(LINE_SETTINGS)?;
    visitor.table(PROJECT_SETTINGS)?;
    visitor.table(NOTES)?;
    visitor.table(PROJECT_FACTS)?;
    visitor.table(PROGRESS)?;
    visitor.table(EVENTS)?;
    visitor.table(EVENT_HASHES)?;
    Ok(())
}

/// A date as a table key: days since the common era, so keys sort by date.
pub fn day_key(date: NaiveDate) -> u32 {
    u32::try_from(date.num_days_from_ce()).unwrap_or(0)
}

pub fn day_from_key(key: u32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(key).unwrap_or(1)).unwrap_or_default()
}

/// An amount as a table key: fen, which sort as the amounts do. One past
/// i64 (only in a file written around the checks) stays past the bound.
pub fn fen_key(amount: Money) -> i64 {
    let fen = amount.fen();
    i64::try_from(fen).unwrap_or(if fen < 0 { i64::MIN } else { i64::MAX })
}

pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("ledger records always serialise")
}

/// Reads a record back, refusing one that does not parse or whose amounts
/// are past the bound, naming the record by its key.
pub fn decode<T: Stored>(
    table: &'static str,
    key: impl std::fmt::Display,
    bytes: &[u8],
) -> Result<T, StoreError> {
    let record: T = serde_json::from_slice(bytes).map_err(|e| {
        StoreError::Corrupt(super::Damage::new(
            format!("record {key} of table '{table}' cannot be read: {e}"),
            format!("表“{table}”的记录 {key} 无法读取：{e}"),
        ))
    })?;
    match record.problem() {
        None => Ok(record),
        Some(problem) => Err(StoreError::Corrupt(super::Damage::new(
            format!(
                "record {key} of table '{table}' {} (it was written around outlay's checks)",
                problem.en
            ),
            format!(
                "表“{table}”的记录 {key}{}（系绕过 outlay 的检查写入）",
                problem.zh
            ),
        ))),
    }
}
