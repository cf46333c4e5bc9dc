//! A backup (备份): a copy of one read transaction of the ledger, made here
//! or by the server, written to a temporary name beside the target, checked
//! as `outlay check` checks a ledger, and only then given the target's name.

use crate::store::Damage;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use super::{Ledger, LocalLedger};
use crate::domain::Refusal;
use crate::domain::role::Role;
use crate::error::{Error, Result};
use crate::store::{StoreError, TableCounts};

/// A backup written and verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupDone {
    pub path: PathBuf,
    pub bytes: u64,
    /// The rows of each table, the same in the ledger's snapshot and the copy.
    pub tables: TableCounts,
}

impl BackupDone {
    /// How many rows the copy holds in `table` (`disbursements`, `events` …).
    pub fn rows(&self, table: &str) -> u64 {
        self.tables.get(table).copied().unwrap_or_default()
    }
}

impl LocalLedger {
    /// Copies one snapshot of the ledger into a new database on `file`. A
    /// viewer may: the copy holds nothing a viewer cannot read through the API.
    pub fn copy_into(&self, file: File) -> Result<TableCounts> {
        self.require(Role::Viewer)?;
        Ok(self.store.copy_into(file)?)
    }

    /// A file no other process can open and that is gone once closed, for a
    /// server to build the copy it sends: in the ledger's directory (the
    /// server's own, with room for a ledger), else the system's temp directory.
    pub fn scratch_file(&self) -> io::Result<File> {
        tempfile::tempfile_in(directory_of(self.store.path())).or_else(|_| tempfile::tempfile())
    }
}

impl Ledger {
    /// Writes a verified copy of the ledger to `into`, a new file (mode 0600);
    /// never overwrites one. Through the server when the ledger is a server's.
    pub fn backup(&self, into: &Path) -> Result<BackupDone> {
        let cannot_write = |source: io::Error| Error::Write {
            path: into.display().to_string(),
            source,
        };
        let partial = partial_beside(into)?;
        let snapshot = match self.here_or_served() {
            Ok(local) => local.copy_into(partial.as_file().try_clone().map_err(cannot_write)?)?,
            Err(client) => client.backup(partial.as_file(), partial.path())?,
        };
        partial.as_file().sync_all().map_err(cannot_write)?;
        verify(partial.path(), &snapshot)?;
        let bytes = partial.as_file().metadata().map_err(cannot_write)?.len();
        partial.persist_noclobber(into).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                already_exists(into)
            } else {
                cannot_write(e.error)
            }
        })?;
        // The new name is durable only once its directory is.
        File::open(directory_of(into))
            .and_then(|d| d.sync_all())
            .map_err(cannot_write)?;
        Ok(BackupDone {
            path: into.to_path_buf(),
            bytes,
            tables: snapshot,
        })
    }
}

/// A new file beside `into` (0600), removed on every way out until it is
/// renamed into place. Refused when `into` exists (the rename checks again).
fn partial_beside(into: &Path) -> Result<tempfile::NamedTempFile> {
    let Some(name) = into.file_name() else {
        return Err(Refusal::field_in(
            "file",
            format!("{} does not name a file", into.display()),
            format!("{} 不是文件名", into.display()),
        )
        .into());
    };
    if into.symlink_metadata().is_ok() {
        return Err(already_exists(into));
    }
    tempfile::Builder::new()
        .prefix(&format!(".{}.", name.to_string_lossy()))
        .suffix(".partial")
        .tempfile_in(directory_of(into))
        .map_err(|source| Error::Write {
            path: into.display().to_string(),
            source,
        })
}

fn directory_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn already_exists(into: &Path) -> Error {
    Refusal::field_in(
        "file",
        format!(
            "{} already exists; a backup never overwrites a file (choose a new name, e.g. with the date in it)",
            into.display()
        ),
        format!(
            "{} 已存在；备份不会覆盖已有文件（请换一个文件名，例如带上日期）",
            into.display()
        ),
    )
    .into()
}

/// Opens the copy as every command opens a ledger (the schema check), runs
/// `outlay check`'s running-totals check on it, and compares its tables,
/// row for row count, with the snapshot it was made from.
fn verify(copy: &Path, snapshot: &TableCounts) -> Result<()> {
    let ledger = LocalLedger::open(copy, "backup")?;
    let mismatches = ledger.verify_totals()?;
    if let Some(first) = mismatches.first() {
        let n = mismatches.len();
        let (what, stored, rebuilt) = (&first.what, &first.stored, &first.rebuilt);
        return Err(StoreError::Corrupt(Damage::new(
            format!(
                "the backup copy fails `outlay check`: {n} running totals disagree with their entries ({what}: stored {stored} ≠ rebuilt {rebuilt}); run `outlay check` on the ledger"
            ),
            format!(
                "备份副本未通过 `outlay check`：{n} 项累计数与明细不符（{what}：存储 {stored} ≠ 重算 {rebuilt}）；请对账本运行 `outlay check`"
            ),
        ))
        .into());
    }
    let found = ledger.store.table_counts()?;
    let names = snapshot.keys().chain(found.keys());
    if let Some(table) = names
        .into_iter()
        .find(|t| snapshot.get(*t) != found.get(*t))
    {
        let rows = |counts: &TableCounts, zh: bool| match (counts.get(table), zh) {
            (None, false) => "no table".to_string(),
            (None, true) => "无此表".to_string(),
            (Some(n), false) => format!("{n} rows"),
            (Some(n), true) => format!("{n} 行"),
        };
        return Err(StoreError::Corrupt(Damage::new(
            format!(
                "the backup copy's table '{table}' has {}, the ledger's snapshot {}",
                rows(&found, false),
                rows(snapshot, false)
            ),
            format!(
                "备份副本的表“{table}”有 {}，账本快照有 {}",
                rows(&found, true),
                rows(snapshot, true)
            ),
        ))
        .into());
    }
    Ok(())
}
