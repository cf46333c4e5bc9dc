use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::mpsc;
use std::thread;

use chrono::Utc;

use crate::domain::Refusal;
use crate::domain::input::NewDisbursement;
use crate::domain::{BudgetLine, EconClass, Event, FiscalYear, Kind, Level, Money, Source};
use crate::error::Error;
use crate::ledger::LocalLedger;
use crate::store::{Damage, LedgerMeta, Store, StoreError, Writer};

fn store_in(dir: &Path) -> Store {
    let meta = LedgerMeta {
        year: 2021,
        department: "测试局".into(),
        created_by: "tester".into(),
    };
    Store::create(&dir.join("batch.redb"), &meta).unwrap()
}

/// A write that leaves a mark under `key` and an event in the log.
fn mark(w: &mut Writer, key: &str) -> Result<(), StoreError> {
    w.set_meta(key, "written")?;
    w.log(Event {
        id: 0,
        at: Utc::now(),
        who: "tester".into(),
        action: "test".into(),
        subject: key.into(),
        detail: String::new(),
    })?;
    Ok(())
}

fn refused() -> StoreError {
    StoreError::Corrupt(Damage::new("refused on purpose", "故意拒绝"))
}

fn marked(store: &Store, key: &str) -> bool {
    store.read(|r| r.meta(key)).unwrap().is_some()
}

#[test]
fn a_lone_write_makes_its_own_durable_commit_and_a_lone_refusal_none() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(dir.path());
    let before = store.durable_commits();
    store.write(|w| mark(w, "first")).unwrap();
    store.write(|w| mark(w, "second")).unwrap();
    assert_eq!(store.durable_commits() - before, 2);
    let refusal = store.write(|w| mark(w, "refused").and_then(|()| Err::<(), _>(refused())));
    assert!(matches!(refusal, Err(StoreError::Corrupt(_))));
    assert_eq!(store.durable_commits() - before, 2);
    assert!(marked(&store, "first") && marked(&store, "second"));
    assert!(!marked(&store, "refused"));
}

/// One writer's work, as a test hands it to a thread.
type Work<'a> = Box<dyn FnMut(&mut Writer) -> Result<(), StoreError> + Send + 'a>;

/// Runs `writers` each in a thread while a first write is held inside the
/// batch's transaction, until all have joined its batch; returns the first
/// write's outcome and each writer's. The first write holds only on its first
/// run: should the batch be spoiled, it runs again alone without waiting.
fn batch_of(
    store: &Store,
    writers: Vec<Work<'_>>,
) -> (Result<(), StoreError>, Vec<Result<(), StoreError>>) {
    let (started, has_started) = mpsc::channel();
    let (release, released) = mpsc::channel::<()>();
    let joining = writers.len() + 1;
    thread::scope(|s| {
        let held = s.spawn(move || {
            let mut first = true;
            store.write(|w| {
                mark(w, "held")?;
                if std::mem::take(&mut first) {
                    started.send(()).unwrap();
                    released.recv().unwrap();
                }
                Ok::<_, StoreError>(())
            })
        });
        has_started.recv().unwrap();
        let others: Vec<_> = writers
            .into_iter()
            .map(|mut work| s.spawn(move || store.write(|w| work(w))))
            .collect();
        while store.batches.entering() < joining {
            thread::yield_now();
        }
        release.send(()).unwrap();
        let held = held.join().unwrap();
        (
            held,
            others.into_iter().map(|o| o.join().unwrap()).collect(),
        )
    })
}

/// Seven writers, one of them refused before it changes anything.
fn seven_with_a_refusal(refused_after_its_change: bool) -> Vec<Work<'static>> {
    (0..7)
        .map(|n| {
            Box::new(move |w: &mut Writer| {
                let key = format!("w{n}");
                if n != 3 {
                    return mark(w, &key);
                }
                if refused_after_its_change {
                    mark(w, &key)?;
                }
                Err(refused())
            }) as Work<'static>
        })
        .collect()
}

fn assert_all_but_w3_stored(store: &Store, outcomes: &[Result<(), StoreError>]) {
    for (n, outcome) in outcomes.iter().enumerate() {
        assert_eq!(outcome.is_err(), n == 3, "writer {n}: {outcome:?}");
    }
    assert!(marked(store, "held"));
    for n in (0..7).filter(|&n| n != 3) {
        assert!(marked(store, &format!("w{n}")), "w{n} stored");
    }
    assert!(!marked(store, "w3"), "the refused write left nothing");
}

/// The seven writers of [`seven_with_a_refusal`] in a batch behind a held
/// one; asserts what is stored, returns the durable commits and the events
/// the batch made.
fn seven_and_a_held_one(store: &Store, refused_after_its_change: bool) -> (u64, u64) {
    let before = store.durable_commits();
    let events_before = store.read(|r| r.event_chain()).unwrap().0;
    let (held, outcomes) = batch_of(store, seven_with_a_refusal(refused_after_its_change));
    assert!(held.is_ok());
    assert_all_but_w3_stored(store, &outcomes);
    let events = store.read(|r| r.event_chain()).unwrap().0;
    (store.durable_commits() - before, events - events_before)
}

#[test]
fn writers_arriving_during_a_write_share_its_transaction_and_a_clean_refusal_stays_out() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(dir.path());
    let (commits, events) = seven_and_a_held_one(&store, false);
    assert_eq!(commits, 1, "one durable commit for the batch");
    assert_eq!(events, 7, "the hash chain links the seven stored events");

    // What the batch acknowledged is in the file when it is opened again.
    let path = store.path().to_path_buf();
    drop(store);
    let reopened = Store::open(&path).unwrap();
    assert!(marked(&reopened, "held") && marked(&reopened, "w6") && !marked(&reopened, "w3"));
}

/// w3 changes something and is then refused: its change must not reach the
/// file, so the batch's transaction is aborted and the others write again alone.
#[test]
fn a_refusal_after_a_change_spoils_the_batch_and_the_others_are_written_alone() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(dir.path());
    let (commits, events) = seven_and_a_held_one(&store, true);
    assert_eq!(
        commits, 7,
        "each of the seven stored writes committed alone"
    );
    assert_eq!(events, 7, "each stored write logged once");
}

#[test]
fn a_write_panicking_after_a_change_panics_alone_and_the_others_land() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(dir.path());
    let panicking: Work<'static> = Box::new(|w: &mut Writer| {
        mark(w, "panicked")?;
        panic!("a bug in a command");
    });
    let steady: Work<'static> = Box::new(|w: &mut Writer| mark(w, "steady"));
    let caught = panic::catch_unwind(AssertUnwindSafe(|| {
        batch_of(&store, vec![panicking, steady])
    }));
    assert!(caught.is_err(), "the panic reaches the thread that made it");
    assert!(marked(&store, "held") && marked(&store, "steady"));
    assert!(!marked(&store, "panicked"));
}

/// The last writer of a batch is refused before changing anything: the
/// others' writes are still committed, durably, once.
#[test]
fn a_batch_whose_last_writer_is_refused_is_still_made_durable() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(dir.path());
    let before = store.durable_commits();
    let last: Work<'static> = Box::new(|_: &mut Writer| Err(refused()));
    let (held, outcomes) = batch_of(&store, vec![last]);
    assert!(held.is_ok() && outcomes[0].is_err());
    assert_eq!(store.durable_commits() - before, 1);
    assert!(marked(&store, "held") && !marked(&store, "last"));
}

fn ledger_with_a_line(dir: &Path) -> LocalLedger {
    let ledger = LocalLedger::create(
        &dir.join("paid.redb"),
        FiscalYear::new(2021).unwrap(),
        "测试局",
        "tester",
    )
    .unwrap();
    ledger
        .add_line(BudgetLine {
            code: "B01".into(),
            name: "公用经费".into(),
            kind: Kind::Basic,
            source: Source::Initial,
            level: Level::District,
            econ_class: Some(EconClass::Goods),
            project: None,
            doc_no: "doc".into(),
            allocated_on: "2021-01-01".parse().unwrap(),
            allocated: "1000000".parse().unwrap(),
            refs: Default::default(),
        })
        .unwrap();
    ledger
}

fn payment(voucher: String, fen: i64) -> NewDisbursement {
    NewDisbursement {
        line: "B01".into(),
        date: "2021-06-01".parse().unwrap(),
        amount: Money::from_fen(fen),
        payee: "某公司".into(),
        voucher,
        memo: String::new(),
        contract: None,
        refs: Default::default(),
        tags: Default::default(),
    }
}

/// Eight clerks pay the same forty vouchers at once: each voucher is stored
/// once, every other try is refused as a duplicate, and the totals are the
/// sums of what was stored.
#[test]
fn concurrent_payments_land_once_and_duplicates_are_refused_alone() {
    const CLERKS: usize = 8;
    const VOUCHERS: i64 = 40;
    let dir = tempfile::tempdir().unwrap();
    let ledger = ledger_with_a_line(dir.path());
    let events_before = ledger.event_chain().unwrap().0;
    let refusals: usize = thread::scope(|s| {
        let ledger = &ledger;
        let clerks: Vec<_> = (0..CLERKS)
            .map(|_| {
                s.spawn(move || {
                    let mut refused = 0;
                    for n in 0..VOUCHERS {
                        match ledger.pay(payment(format!("V{n}"), 100 + n)) {
                            Ok(_) => {}
                            Err(Error::Refused(Refusal::DuplicateVoucher { .. })) => refused += 1,
                            Err(other) => panic!("V{n}: {other}"),
                        }
                    }
                    refused
                })
            })
            .collect();
        clerks.into_iter().map(|c| c.join().unwrap()).sum()
    });

    assert_eq!(refusals, (CLERKS - 1) * VOUCHERS as usize);
    let stored = ledger.disbursements(Default::default()).unwrap();
    let mut vouchers: Vec<&str> = stored.iter().map(|d| d.voucher.as_str()).collect();
    vouchers.sort_unstable();
    vouchers.dedup();
    assert_eq!(
        (stored.len(), vouchers.len()),
        (40, 40),
        "every voucher once"
    );
    let expected: i64 = (0..VOUCHERS).map(|n| 100 + n).sum();
    let report = ledger.report(Some("2021-12-31".parse().unwrap())).unwrap();
    assert_eq!(
        report.group("all").unwrap().spent,
        Money::from_fen(expected)
    );
    assert!(
        ledger.verify_totals().unwrap().is_empty(),
        "totals equal their entries' sums"
    );
    let events = ledger.event_chain().unwrap().0;
    assert_eq!(
        events - events_before,
        40,
        "the hash chain links one event a payment"
    );
}
