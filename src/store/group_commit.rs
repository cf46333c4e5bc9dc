//! Group commit: writes that arrive while another one is running or
//! committing join one batch, which runs them one after another in one redb
//! transaction and makes them all durable with its one commit.
//!
//! Each write stays a unit of its own. A write refused before it changed
//! anything is left out, and the batch goes on: what it saw is what the
//! writes before it left, as if each had run alone. A write that fails or
//! panics after changing something spoils the transaction, which is aborted;
//! every write of that batch then runs again alone, in a transaction of its
//! own, so one refused write never fails or loses the others. No writer
//! returns before its batch is durable, and when that commit fails every
//! writer of the batch gets the error.
//!
//! Why not a savepoint per write: redb refuses a savepoint once a table has
//! been opened in the transaction.

use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};

use redb::WriteTransaction;

use super::{Store, StoreError, Writer};

/// The batches of writes, one open at a time.
pub(super) struct GroupCommit {
    open: Mutex<Arc<Batch>>,
    /// Signalled whenever a batch ends.
    settled: Condvar,
    durable_commits: AtomicU64,
}

#[derive(Default)]
pub(super) struct Batch {
    /// Members that have joined and not yet finished their turn; changed
    /// only under [`GroupCommit::open`]'s lock.
    entering: AtomicUsize,
    /// The batch's transaction, which its members take turns writing in.
    turn: Mutex<Turn>,
    outcome: OnceLock<Outcome>,
}

#[derive(Default)]
struct Turn {
    txn: Option<WriteTransaction>,
    /// Whether a member's write is in `txn`, so the batch owes a commit.
    written: bool,
}

/// How a batch ended, as each of its members learns it.
#[derive(Clone, Debug)]
enum Outcome {
    /// Committed durably, or nothing to commit (its members were all refused).
    Settled,
    /// The durable commit failed, as text: every member reports it.
    Failed(String),
    /// A member changed something and then failed: the transaction was
    /// aborted and every member writes again alone.
    Spoiled,
}

impl GroupCommit {
    pub fn new() -> GroupCommit {
        GroupCommit {
            open: Mutex::new(Arc::default()),
            settled: Condvar::new(),
            durable_commits: AtomicU64::new(0),
        }
    }

    fn open(&self) -> MutexGuard<'_, Arc<Batch>> {
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Joins the open batch; done before waiting for its turn, so that the
    /// member ahead knows it is not the last.
    fn join(&self) -> Arc<Batch> {
        let open = self.open();
        open.entering.fetch_add(1, Ordering::Relaxed);
        Arc::clone(&open)
    }

    /// Ends a member's turn. The last member of a batch still open closes it,
    /// so that writers arriving from now on join the next one, and returns
    /// true: it is the one to commit.
    fn finish(&self, batch: &Arc<Batch>) -> bool {
        let mut open = self.open();
        let left = batch.entering.fetch_sub(1, Ordering::Relaxed) - 1;
        let last = left == 0 && Arc::ptr_eq(&open, batch);
        if last {
            *open = Arc::default();
        }
        last
    }

    /// Ends a batch early: no one joins it from now on, and its members write
    /// again alone.
    fn spoil(&self, batch: &Arc<Batch>) {
        {
            let mut open = self.open();
            if Arc::ptr_eq(&open, batch) {
                *open = Arc::default();
            }
        }
        self.settle(batch, Outcome::Spoiled);
    }

    /// Records how a batch ended and wakes its members.
    fn settle(&self, batch: &Batch, outcome: Outcome) {
        let _open = self.open();
        let _ = batch.outcome.set(outcome);
        self.settled.notify_all();
    }

    fn wait(&self, batch: &Batch) -> Outcome {
        let mut open = self.open();
        loop {
            if let Some(outcome) = batch.outcome.get() {
                return outcome.clone();
            }
            open = self
                .settled
                .wait(open)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// How many durable commits writes have made: fewer than the writes
    /// when batches formed.
    pub fn durable_commits(&self) -> u64 {
        self.durable_commits.load(Ordering::Relaxed)
    }

    /// Members of the open batch that have not finished their turn (tests
    /// hold a batch open until the writers they started have joined it).
    #[cfg(test)]
    pub fn entering(&self) -> usize {
        self.open().entering.load(Ordering::Relaxed)
    }
}

impl Batch {
    fn turn(&self) -> MutexGuard<'_, Turn> {
        self.turn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn spoiled(&self) -> bool {
        matches!(self.outcome.get(), Some(Outcome::Spoiled))
    }
}

/// What a member's turn in its batch's transaction came to.
enum Ran<T, E> {
    /// Its work succeeded, or was refused having changed nothing.
    Clean(Result<T, E>),
    /// Its work failed after changing something.
    Spoiling,
}

impl Store {
    /// Runs `work` in a write transaction, committed only if it succeeds: a
    /// refused command or import leaves the file exactly as it was. Returns
    /// once the commit is durable; writes that arrive meanwhile share the
    /// next transaction and its commit. `work` may run twice (again alone,
    /// should another write spoil the batch it ran in), so it must only
    /// touch the store.
    pub fn write<T, E: From<StoreError>>(
        &self,
        mut work: impl FnMut(&mut Writer) -> Result<T, E>,
    ) -> Result<T, E> {
        match self.write_in_batch(&mut work) {
            Some(done) => done,
            None => self.write_alone(work),
        }
    }

    /// The write as a member of the open batch; `None` when the batch was
    /// spoiled and the write is to be made again alone.
    fn write_in_batch<T, E: From<StoreError>>(
        &self,
        work: &mut impl FnMut(&mut Writer) -> Result<T, E>,
    ) -> Option<Result<T, E>> {
        let batch = self.batches.join();
        let mut turn = batch.turn();
        if batch.spoiled() {
            drop(turn);
            self.batches.finish(&batch);
            return None;
        }
        if turn.txn.is_none() {
            match self.begin_write() {
                Ok(mut txn) => {
                    // Quick repair keeps reopening after a crash at
                    // milliseconds, not a full scan.
                    txn.set_quick_repair(true);
                    turn.txn = Some(txn);
                }
                Err(e) => {
                    // No transaction yet, so no member has written: nothing owed.
                    drop(turn);
                    self.batches.finish(&batch);
                    return Some(Err(e.into()));
                }
            }
        }
        let txn = turn.txn.as_ref().expect("begun above");
        // A panicking command must still end its turn, or the members
        // waiting on the batch would wait for ever.
        let ran = panic::catch_unwind(AssertUnwindSafe(|| run(txn, work)));
        match ran {
            Ok(Ran::Clean(result)) => {
                turn.written |= result.is_ok();
                match self.end_turn(&batch, turn) {
                    Outcome::Settled => Some(result),
                    Outcome::Failed(failure) => {
                        Some(result.and_then(|_| Err(self.commit_failed(failure).into())))
                    }
                    Outcome::Spoiled => None,
                }
            }
            Ok(Ran::Spoiling) => {
                self.spoil(&batch, turn);
                None
            }
            Err(panicked) => {
                self.spoil(&batch, turn);
                panic::resume_unwind(panicked)
            }
        }
    }

    /// Ends a member's turn: the last member commits the batch, the others
    /// wait until it has.
    fn end_turn(&self, batch: &Arc<Batch>, mut turn: MutexGuard<'_, Turn>) -> Outcome {
        if !self.batches.finish(batch) {
            drop(turn);
            return self.batches.wait(batch);
        }
        let txn = turn.txn.take();
        let outcome = match txn {
            Some(txn) if turn.written => match txn.commit() {
                Ok(()) => {
                    self.batches.durable_commits.fetch_add(1, Ordering::Relaxed);
                    Outcome::Settled
                }
                Err(e) => Outcome::Failed(e.to_string()),
            },
            // Every member was refused: nothing to commit.
            _ => Outcome::Settled,
        };
        drop(turn);
        self.batches.settle(batch, outcome.clone());
        outcome
    }

    /// Aborts a spoiled batch's transaction and sends its members to write
    /// again alone.
    fn spoil(&self, batch: &Arc<Batch>, mut turn: MutexGuard<'_, Turn>) {
        drop(turn.txn.take());
        turn.written = false;
        drop(turn);
        self.batches.finish(batch);
        self.batches.spoil(batch);
    }

    /// Runs `work` once, in a write transaction of its own, committed
    /// durably: for an import, whose work consumes its rows and is too large
    /// to share a batch anyway. A refusal leaves the file as it was.
    pub fn write_alone<T, E: From<StoreError>>(
        &self,
        work: impl FnOnce(&mut Writer) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut txn = self.begin_write()?;
        txn.set_quick_repair(true);
        let value = work(&mut Writer::open(&txn)?)?;
        txn.commit().map_err(StoreError::from)?;
        self.batches.durable_commits.fetch_add(1, Ordering::Relaxed);
        Ok(value)
    }

    fn commit_failed(&self, failure: String) -> StoreError {
        StoreError::Io {
            path: self.path.clone(),
            source: std::io::Error::other(format!("the commit of this write failed: {failure}")),
        }
    }

    /// Durable commits made by writes so far; with writers arriving together,
    /// fewer than the writes.
    pub fn durable_commits(&self) -> u64 {
        self.batches.durable_commits()
    }
}

/// One member's work in the batch's transaction.
fn run<T, E: From<StoreError>>(
    txn: &WriteTransaction,
    work: &mut impl FnMut(&mut Writer) -> Result<T, E>,
) -> Ran<T, E> {
    let mut writer = match Writer::open(txn) {
        Ok(writer) => writer,
        Err(e) => return Ran::Clean(Err(e.into())),
    };
    match work(&mut writer) {
        Err(_) if writer.wrote() => Ran::Spoiling,
        result => Ran::Clean(result),
    }
}

#[cfg(test)]
mod tests;
