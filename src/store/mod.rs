//! The store: the only module that knows redb. One database file per
//! department and fiscal year.

mod backup;
mod chain;
mod compact;
mod damage;
mod group_commit;
mod journal;
mod reader;
mod record;
mod schema;
pub mod tables;
mod writer;

use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use std::sync::{PoisonError, RwLock};

use redb::{
    Database, DatabaseError, ReadOnlyDatabase, ReadTransaction, ReadableDatabase, WriteTransaction,
    backends::FileBackend,
};
use serde::{Deserialize, Serialize};

use crate::domain::Money;
use group_commit::GroupCommit;

pub use backup::TableCounts;
pub use damage::Damage;
pub use reader::{DisbursementQuery, JournalOrder, Reader};
pub use schema::SCHEMA_VERSION;
pub use writer::Writer;

/// Running totals of one line, updated in the same transaction as every entry
/// that changes them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineTotals {
    /// Σ disbursements (reversals are negative entries).
    pub spent: Money,
    /// Σ adjustments, including money moved in or out by transfers.
    pub adjusted: Money,
    /// How many disbursement entries (reversals included) the line has.
    pub entries: u64,
    pub last_paid_on: Option<chrono::NaiveDate>,
}

/// What can go wrong below the domain: the file, the database, the disk.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{path} is open in another outlay process; close that one and try again (outlay never waits on a held ledger)"
    )]
    Busy { path: PathBuf },
    #[error(
        "no ledger at {path}; create one with `outlay init --year YEAR --department NAME` (or `outlay init --demo`)"
    )]
    NotFound { path: PathBuf },
    #[error(
        "{path} already exists; outlay never overwrites a ledger (choose another --db path or move the file away)"
    )]
    AlreadyExists { path: PathBuf },
    #[error(
        "{path} belongs to {owner} and is read through its server: use --socket PATH or set `socket` in your settings file (~/.config/outlay/config.toml)"
    )]
    NotYours { path: PathBuf, owner: String },
    #[error("{path} is not an outlay ledger ({reason})")]
    NotALedger { path: PathBuf, reason: String },
    #[error(
        "this ledger was written by a newer outlay (schema {found}, this one knows up to {supported}); upgrade outlay"
    )]
    NewerSchema { found: u32, supported: u32 },
    #[error("the ledger is damaged: {0}")]
    Corrupt(Damage),
    #[error("{0} would pass ±10^13 yuan, the bound every amount and running total keeps")]
    OutOfBound(Damage),
    #[error("cannot use {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Database(#[from] redb::Error),
}

macro_rules! from_redb {
    ($($t:ty),+) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                StoreError::Database(e.into())
            }
        }
    )+};
}
from_redb!(
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError,
    redb::CompactionError
);

/// The identity of a ledger, written once at creation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerMeta {
    pub year: i32,
    pub department: String,
    pub created_by: String,
}

pub struct Store {
    /// Read-only until the first write, so reading never writes to the file.
    db: RwLock<Handle>,
    path: PathBuf,
    /// Concurrent writes share one durable commit.
    batches: GroupCommit,
}

/// How the file is open. A reader shares the file with other readers; the
/// first write reopens it for writing, which needs it alone.
enum Handle {
    Reading(ReadOnlyDatabase),
    Writing(Database),
    /// Between the two, or after a reopen failed.
    Closed,
}

impl Store {
    /// Creates a new ledger file; refuses to touch an existing one.
    pub fn create(path: &Path, meta: &LedgerMeta) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        // create_new makes "refuse to overwrite" race-free; 0600 whatever the
        // umask (a umask only takes bits away), so no other user reads a payee.
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
            .map_err(|source| match source.kind() {
                std::io::ErrorKind::AlreadyExists => StoreError::AlreadyExists {
                    path: path.to_path_buf(),
                },
                _ => StoreError::Io {
                    path: path.to_path_buf(),
                    source,
                },
            })?;
        let created = FileBackend::new(file)
            .and_then(|backend| Database::builder().create_with_backend(backend))
            .map_err(|e| open_error(path, e))
            .and_then(|db| {
                schema::initialise(&db, meta)?;
                Ok(Store::writing(db, path))
            });
        if created.is_err() {
            // Leave no half-made ledger behind to trip the next `init`.
            let _ = std::fs::remove_file(path);
        }
        created
    }

    fn writing(db: Database, path: &Path) -> Store {
        Store {
            db: RwLock::new(Handle::Writing(db)),
            path: path.to_path_buf(),
            batches: GroupCommit::new(),
        }
    }

    /// Opens an existing ledger for reading, without writing to the file;
    /// the first write reopens it for writing. A ledger of an older schema,
    /// or one a killed process left unrepaired, is opened for writing at
    /// once, to be migrated or repaired.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        check_exists(path)?;
        match Database::builder().open_read_only(path) {
            Ok(db) if schema::read_version(&db, path)? == schema::SCHEMA_VERSION => Ok(Store {
                db: RwLock::new(Handle::Reading(db)),
                path: path.to_path_buf(),
                batches: GroupCommit::new(),
            }),
            Ok(db) => {
                schema::refuse_newer(&db, path)?;
                drop(db);
                Store::open_writable(path)
            }
            Err(DatabaseError::RepairAborted) => Store::open_writable(path),
            Err(e) => Err(open_error(path, e)),
        }
    }

    /// Opens an existing ledger for writing, holding it alone from now on
    /// (the server), migrating an older schema forward.
    pub fn open_writable(path: &Path) -> Result<Store, StoreError> {
        check_exists(path)?;
        let db = open_for_writing(path)?;
        Ok(Store::writing(db, path))
    }

    /// A read transaction: one consistent snapshot.
    fn begin_read(&self) -> Result<ReadTransaction, StoreError> {
        let handle = self.db.read().unwrap_or_else(PoisonError::into_inner);
        Ok(match &*handle {
            Handle::Reading(db) => db.begin_read()?,
            Handle::Writing(db) => db.begin_read()?,
            Handle::Closed => return Err(self.closed()),
        })
    }

    /// A write transaction, the file reopened for writing first if it was
    /// read-only. Should another process hold the file by then, the store
    /// stays a reader and the write is refused as busy.
    fn begin_write(&self) -> Result<WriteTransaction, StoreError> {
        {
            let handle = self.db.read().unwrap_or_else(PoisonError::into_inner);
            if let Handle::Writing(db) = &*handle {
                return Ok(db.begin_write()?);
            }
        }
        let mut handle = self.db.write().unwrap_or_else(PoisonError::into_inner);
        if let Handle::Reading(_) | Handle::Closed = &*handle {
            if let Handle::Reading(reader) = std::mem::replace(&mut *handle, Handle::Closed) {
                reader.close().map_err(|e| open_error(&self.path, e))?;
            }
            *handle = match open_for_writing(&self.path) {
                Ok(db) => Handle::Writing(db),
                Err(e) => {
                    if let Ok(reader) = Database::builder().open_read_only(&self.path) {
                        *handle = Handle::Reading(reader);
                    }
                    return Err(e);
                }
            };
        }
        match &*handle {
            Handle::Writing(db) => Ok(db.begin_write()?),
            _ => Err(self.closed()),
        }
    }

    fn closed(&self) -> StoreError {
        StoreError::Busy {
            path: self.path.clone(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Rewrites the file without its free and half-empty pages, when it is
    /// open for writing and nothing else reads it; else leaves it as it is
    /// (compaction saves room, it changes nothing stored).
    pub fn compact(&self) {
        let mut handle = self.db.write().unwrap_or_else(PoisonError::into_inner);
        if let Handle::Writing(db) = &mut *handle {
            let _ = db.compact();
        }
    }

    /// Runs `work` in one read transaction: a consistent snapshot.
    pub fn read<T, E: From<StoreError>>(
        &self,
        work: impl FnOnce(&Reader) -> Result<T, E>,
    ) -> Result<T, E> {
        let txn = self.begin_read()?;
        work(&Reader::new(txn))
    }
}

fn check_exists(path: &Path) -> Result<(), StoreError> {
    match std::fs::metadata(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(StoreError::NotFound {
            path: path.to_path_buf(),
        }),
        Err(e) => Err(io_error(path, e)),
    }
}

/// The file opened for writing, migrated to this schema.
fn open_for_writing(path: &Path) -> Result<Database, StoreError> {
    let db = Database::builder()
        .open(path)
        .map_err(|e| open_error(path, e))?;
    schema::check_and_migrate(&db, path)?;
    Ok(db)
}

fn open_error(path: &Path, e: DatabaseError) -> StoreError {
    match e {
        DatabaseError::DatabaseAlreadyOpen => StoreError::Busy {
            path: path.to_path_buf(),
        },
        DatabaseError::Storage(redb::StorageError::Io(source))
            if source.kind() != std::io::ErrorKind::InvalidData =>
        {
            io_error(path, source)
        }
        other => StoreError::NotALedger {
            path: path.to_path_buf(),
            reason: other.to_string(),
        },
    }
}

/// An I/O error opening a ledger. Permission denied means the file (or its
/// directory) belongs to another user — the server's, with the file `0600`:
/// say to go through its socket rather than show a raw OS error.
fn io_error(path: &Path, source: std::io::Error) -> StoreError {
    if source.kind() != std::io::ErrorKind::PermissionDenied {
        return StoreError::Io {
            path: path.to_path_buf(),
            source,
        };
    }
    StoreError::NotYours {
        path: path.to_path_buf(),
        owner: owner_of(path),
    }
}

/// The user owning `path`, or the nearest directory above it this user may
/// look at (a directory only its owner may enter hides the file itself).
fn owner_of(path: &Path) -> String {
    use std::os::unix::fs::MetadataExt;
    let uid = path
        .ancestors()
        .filter(|p| !p.as_os_str().is_empty())
        .find_map(|p| std::fs::metadata(p).ok())
        .map(|meta| meta.uid());
    match uid {
        Some(uid) => match nix::unistd::User::from_uid(uid.into()) {
            Ok(Some(user)) => user.name,
            _ => format!("uid {uid}"),
        },
        None => "another user".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compacting_gives_back_freed_room_and_the_file_still_opens_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.redb");
        let meta = LedgerMeta {
            year: 2021,
            department: "测试局".into(),
            created_by: "tester".into(),
        };
        let store = Store::create(&path, &meta).unwrap();
        let users: Vec<String> = (0..20_000).map(|n| format!("user-{n:05}")).collect();
        store
            .write(|w| users.iter().try_for_each(|u| w.set_role(u, Some("clerk"))))
            .unwrap();
        store
            .write(|w| users.iter().try_for_each(|u| w.set_role(u, None)))
            .unwrap();
        store.write(|w| w.set_role("kept", Some("admin"))).unwrap();
        let before = std::fs::metadata(&path).unwrap().len();
        store.compact();
        let after = std::fs::metadata(&path).unwrap().len();
        assert!(after < before, "{after} bytes after, {before} before");
        drop(store);
        let store = Store::open(&path).unwrap();
        assert!(matches!(&*store.db.read().unwrap(), Handle::Reading(_)));
        let role = store.read(|r| r.role("kept")).unwrap();
        assert_eq!(role.as_deref(), Some("admin"));
    }
}
