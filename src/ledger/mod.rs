//! The ledger: the one API every front end uses. Commands check the domain's
//! rules and write through the store in one transaction each; read models
//! come from one consistent snapshot. Inputs and outputs are plain serde data,
//! so a socket server can carry them unchanged.

mod api;
mod backup;
mod commands;
mod demo;
mod forms;
mod imports;
mod monitoring;
mod months;
mod progress;
mod queries;
mod rules;
mod settings;
#[cfg(test)]
mod stored_extremes;
mod summary;
mod users;

use crate::store::Damage;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::{FiscalYear, Money};
use crate::error::Result;
use crate::store::{LedgerMeta, Store, StoreError};

pub use crate::store::{DisbursementQuery, JournalOrder};
pub use api::{Call, Ledger, UserRole};
pub use backup::BackupDone;
pub use commands::{PaymentOutcome, Warning};
pub use imports::{ImportKind, ImportSummary};
pub use queries::TotalsMismatch;

/// The tolerance, in percentage points, a line may trail time progress by
/// before it counts as lagging, unless the ledger sets another.
pub const DEFAULT_TOLERANCE: Decimal = Decimal::TEN;

/// What a front end shows in its header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerInfo {
    pub year: FiscalYear,
    pub department: String,
    pub created_by: String,
    pub tolerance: Decimal,
    /// Whether an execution rate above 100 % still scores only the
    /// execution weight (the common practice, and the default).
    #[serde(default = "capped_by_default")]
    pub execution_capped: bool,
    pub path: PathBuf,
}

fn capped_by_default() -> bool {
    true
}

pub struct LocalLedger {
    /// Shared by the clients of a server, each acting as its own user.
    store: Arc<Store>,
    /// The Unix user every change is recorded under.
    actor: String,
    year: FiscalYear,
}

impl LocalLedger {
    /// Creates a new, empty ledger for a department's fiscal year.
    pub fn create(
        path: &Path,
        year: FiscalYear,
        department: &str,
        actor: &str,
    ) -> Result<LocalLedger> {
        if department.trim().is_empty() {
            return Err(crate::domain::Refusal::field_in(
                "department",
                "must not be empty",
                "必填",
            )
            .into());
        }
        let department = crate::domain::text::plain(department);
        crate::domain::input::bounded("department", &department)?;
        let meta = LedgerMeta {
            year: year.year(),
            department,
            created_by: actor.into(),
        };
        let store = Store::create(path, &meta)?;
        Ok(LocalLedger {
            store: Arc::new(store),
            actor: actor.to_string(),
            year,
        })
    }

    /// Opens an existing ledger; changes are recorded under `actor`. The
    /// file is read without being written to until the first change.
    pub fn open(path: &Path, actor: &str) -> Result<LocalLedger> {
        LocalLedger::with_store(Store::open(path)?, actor)
    }

    /// Opens an existing ledger for writing and holds it alone (the server).
    pub fn open_writable(path: &Path, actor: &str) -> Result<LocalLedger> {
        LocalLedger::with_store(Store::open_writable(path)?, actor)
    }

    fn with_store(store: Store, actor: &str) -> Result<LocalLedger> {
        let meta = store.read(|r| r.ledger_meta())?;
        let year = FiscalYear::new(meta.year).ok_or_else(|| {
            StoreError::Corrupt(Damage::new(
                format!("the ledger's year {} is out of range", meta.year),
                format!("账本年度 {} 超出范围", meta.year),
            ))
        })?;
        Ok(LocalLedger {
            store: Arc::new(store),
            actor: actor.to_string(),
            year,
        })
    }

    pub fn year(&self) -> FiscalYear {
        self.year
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub fn info(&self) -> Result<LedgerInfo> {
        let path = self.store.path().to_path_buf();
        self.store.read(|r| {
            let meta = r.ledger_meta()?;
            Ok(LedgerInfo {
                year: self.year,
                department: meta.department,
                created_by: meta.created_by,
                tolerance: tolerance_from(r.meta("tolerance")?)?,
                execution_capped: r.meta("execution_capped")?.as_deref() != Some("false"),
                path,
            })
        })
    }

    /// A date for an entry that gives none: today, kept inside the fiscal year.
    pub fn default_date(&self) -> NaiveDate {
        self.year.clamp(crate::clock::today())
    }
}

/// The stored tolerance, or the default when none is set; one outside the
/// 0–100 points `set_tolerance` allows was written around it.
fn tolerance_from(stored: Option<String>) -> Result<Decimal, StoreError> {
    let Some(text) = stored else {
        return Ok(DEFAULT_TOLERANCE);
    };
    text.parse::<Decimal>()
        .ok()
        .filter(|t| (Decimal::ZERO..=Decimal::ONE_HUNDRED).contains(t))
        .ok_or_else(|| {
            StoreError::Corrupt(Damage::new(
                format!("the stored lagging tolerance '{text}' is not between 0 and 100 points"),
                format!("存储的滞后容差“{text}”不在 0 到 100 个百分点之间"),
            ))
        })
}

/// `Money` as a sentence fragment in messages: always yuan, grouped.
fn yuan(m: Money) -> String {
    format!("{} 元", m.display(crate::domain::Unit::Yuan))
}
