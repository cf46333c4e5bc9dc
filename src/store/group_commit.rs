//! Group commit: writes that arrive while another one is running or
//! committing share its batch's one durable commit (its fsyncs).
//!
//! Each write still runs in a redb transaction of its own, so a refused one
//! is aborted alone and never touches the others. The writes of a batch
//! commit without syncing (`Durability::None`) except the last, whose durable
//! commit makes the whole batch durable; a writer that had to leave its batch
//! last without writing commits an empty transaction durably instead. No
//! writer returns before its batch is durable, and when that commit fails,
//! every writer of the batch gets the error.
//!
//! Why not one shared transaction with a savepoint per write: redb refuses a
//! savepoint once a table has been opened in the transaction, so only the
//! first write of a batch could be rolled back alone.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};

/// The batches of writes, one open at a time.
pub(super) struct GroupCommit {
    queue: Mutex<Queue>,
    /// Signalled whenever a batch's durable commit ends.
    settled: Condvar,
    durable_commits: AtomicU64,
}

struct Queue {
    open: Arc<Batch>,
    /// Writers in the open batch that have neither committed nor left yet.
    entering: usize,
    /// Whether a writer of the open batch has committed without syncing,
    /// so that the batch still owes a durable commit.
    unsynced: bool,
}

#[derive(Default)]
pub(super) struct Batch {
    /// How its durable commit ended; the failure as text, since every writer
    /// of the batch reports it.
    outcome: OnceLock<Result<(), String>>,
}

/// A writer's place in the batch it joined on arrival.
pub(super) struct Place {
    batch: Arc<Batch>,
}

/// How a writer whose work succeeded commits its transaction.
pub(super) enum Commit {
    /// Last of its batch: commit durably, then settle the batch.
    Durable(Arc<Batch>),
    /// Others are still entering: commit without syncing, then wait for the
    /// batch's durable commit.
    Deferred(Place),
}

impl GroupCommit {
    pub fn new() -> GroupCommit {
        GroupCommit {
            queue: Mutex::new(Queue {
                open: Arc::default(),
                entering: 0,
                unsynced: false,
            }),
            settled: Condvar::new(),
            durable_commits: AtomicU64::new(0),
        }
    }

    fn queue(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Joins the open batch; done before waiting for the write transaction,
    /// so that the writer ahead knows it is not the last.
    pub fn join(&self) -> Place {
        let mut queue = self.queue();
        queue.entering += 1;
        Place {
            batch: Arc::clone(&queue.open),
        }
    }

    /// Called holding a transaction whose work succeeded: the last writer in
    /// closes the batch, so that writers arriving from now on join the next.
    pub fn commit(&self, place: Place) -> Commit {
        let mut queue = self.queue();
        queue.entering -= 1;
        if queue.entering > 0 {
            queue.unsynced = true;
            return Commit::Deferred(place);
        }
        close(&mut queue);
        Commit::Durable(place.batch)
    }

    /// Leaves without having written (refused, failed or panicked). Returns
    /// the batch when this writer was its last and it still owes a durable
    /// commit, which the caller then makes and settles.
    pub fn leave(&self, place: Place) -> Option<Arc<Batch>> {
        let mut queue = self.queue();
        queue.entering -= 1;
        if queue.entering > 0 {
            return None;
        }
        close(&mut queue).then_some(place.batch)
    }

    /// Records how a batch's durable commit ended and wakes its writers.
    pub fn settle(&self, batch: &Batch, outcome: Result<(), String>) {
        if outcome.is_ok() {
            self.durable_commits.fetch_add(1, Ordering::Relaxed);
        }
        let _queue = self.queue();
        let _ = batch.outcome.set(outcome);
        self.settled.notify_all();
    }

    /// Waits until the batch of a deferred writer is durable, or its commit failed.
    pub fn wait_durable(&self, place: Place) -> Result<(), String> {
        let mut queue = self.queue();
        loop {
            if let Some(outcome) = place.batch.outcome.get() {
                return outcome.clone();
            }
            queue = self
                .settled
                .wait(queue)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// How many durable commits writes have made: fewer than the writes
    /// when batches formed.
    pub fn durable_commits(&self) -> u64 {
        self.durable_commits.load(Ordering::Relaxed)
    }

    /// Writers in the open batch not yet committed (tests hold a batch open
    /// until the writers they started have joined it).
    #[cfg(test)]
    pub fn entering(&self) -> usize {
        self.queue().entering
    }
}

/// Starts the next batch; returns whether the closed one owes a durable commit.
fn close(queue: &mut Queue) -> bool {
    queue.open = Arc::default();
    std::mem::take(&mut queue.unsynced)
}

#[cfg(test)]
mod tests;
