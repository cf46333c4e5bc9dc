//! The schema version and the path from older versions to this one.

use std::path::Path;

use redb::{Database, ReadableDatabase, ReadableTable, WriteTransaction};

use super::tables::*;
use super::{LedgerMeta, StoreError};

/// Bump when the layout of a table changes, and add the step to [`MIGRATIONS`].
pub const SCHEMA_VERSION: u32 = 2;

/// `MIGRATIONS[n]` takes a ledger from schema `n + 1` to `n + 2`, inside the
/// transaction that records the new version, so a migration is all or nothing.
type Migration = fn(&WriteTransaction) -> Result<(), StoreError>;
const MIGRATIONS: &[Migration] = &[add_users];

/// 1 → 2: roles. The user who created the ledger becomes its first admin.
fn add_users(txn: &WriteTransaction) -> Result<(), StoreError> {
    let creator = txn
        .open_table(META)?
        .get("created_by")?
        .map(|v| v.value().to_string());
    if let Some(creator) = creator.filter(|c| !c.is_empty()) {
        txn.open_table(USERS)?.insert(creator.as_str(), "admin")?;
    }
    Ok(())
}

/// Creates every table, so readers never meet a missing one.
fn create_tables(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.open_table(META)?;
    txn.open_table(COUNTERS)?;
    txn.open_table(LINES)?;
    txn.open_table(LINE_TOTALS)?;
    txn.open_table(DAILY_SPENT)?;
    txn.open_table(CONTRACT_DAILY)?;
    txn.open_table(ADJUSTMENTS)?;
    txn.open_table(DISBURSEMENTS)?;
    txn.open_table(VOUCHERS)?;
    txn.open_table(BY_LINE)?;
    txn.open_table(BY_DATE)?;
    txn.open_table(REVERSALS)?;
    txn.open_table(SCHEDULE)?;
    txn.open_table(INDICATORS)?;
    txn.open_table(EVENTS)?;
    txn.open_table(USERS)?;
    Ok(())
}

pub fn initialise(db: &Database, meta: &LedgerMeta) -> Result<(), StoreError> {
    let txn = db.begin_write()?;
    create_tables(&txn)?;
    {
        let mut table = txn.open_table(META)?;
        table.insert("schema_version", SCHEMA_VERSION.to_string().as_str())?;
        table.insert("year", meta.year.to_string().as_str())?;
        table.insert("department", meta.department.as_str())?;
        table.insert("created_by", meta.created_by.as_str())?;
        table.insert("created_at", chrono::Utc::now().to_rfc3339().as_str())?;
    }
    txn.open_table(USERS)?
        .insert(meta.created_by.as_str(), "admin")?;
    txn.commit()?;
    Ok(())
}

pub fn check_and_migrate(db: &Database, path: &Path) -> Result<(), StoreError> {
    let found = read_version(db, path)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for (step, migrate) in MIGRATIONS.iter().enumerate().skip(found as usize - 1) {
        let txn = db.begin_write()?;
        create_tables(&txn)?;
        migrate(&txn)?;
        let next = (step + 2).to_string();
        txn.open_table(META)?
            .insert("schema_version", next.as_str())?;
        txn.commit()?;
    }
    Ok(())
}

fn read_version(db: &Database, path: &Path) -> Result<u32, StoreError> {
    let not_ledger = |reason: &str| StoreError::NotALedger {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let txn = db.begin_read()?;
    let table = txn
        .open_table(META)
        .map_err(|_| not_ledger("it has no outlay metadata"))?;
    let version = table
        .get("schema_version")?
        .ok_or_else(|| not_ledger("it has no schema version"))?;
    let version = version
        .value()
        .parse::<u32>()
        .map_err(|_| not_ledger("its schema version is unreadable"))?;
    if version == 0 {
        return Err(not_ledger("its schema version is 0"));
    }
    Ok(version)
}
