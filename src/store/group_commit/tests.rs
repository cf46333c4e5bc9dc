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

/// The first writer is held inside its transaction until seven more have
/// joined its batch; one of the seven writes and then refuses.
#[test]
fn writers_arriving_during_a_write_share_its_durable_commit_and_a_refusal_stays_out() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(dir.path());
    let before = store.durable_commits();
    let events_before = store.read(|r| r.event_chain()).unwrap().0;
    let (started, has_started) = mpsc::channel();
    let (release, released) = mpsc::channel::<()>();
    thread::scope(|s| {
        let store = &store;
        let held = s.spawn(move || {
            store.write(|w| {
                mark(w, "held")?;
                started.send(()).unwrap();
                released.recv().unwrap();
                Ok::<_, StoreError>(())
            })
        });
        has_started.recv().unwrap();
        let others: Vec<_> = (0..7)
            .map(|n| {
                s.spawn(move || {
                    store.write(|w| {
                        mark(w, &format!("w{n}"))?;
                        if n == 3 { Err(refused()) } else { Ok(()) }
                    })
                })
            })
            .collect();
        while store.batches.entering() < 8 {
            thread::yield_now();
        }
        release.send(()).unwrap();
        assert!(held.join().unwrap().is_ok());
        for (n, other) in others.into_iter().enumerate() {
            let outcome = other.join().unwrap();
            assert_eq!(outcome.is_err(), n == 3, "writer {n}: {outcome:?}");
        }
    });

    assert_eq!(
        store.durable_commits() - before,
        1,
        "one durable commit for the batch"
    );
    assert!(marked(&store, "held"));
    for n in (0..7).filter(|&n| n != 3) {
        assert!(marked(&store, &format!("w{n}")), "w{n} stored");
    }
    assert!(!marked(&store, "w3"), "the refused write left nothing");
    let (events, _head) = store.read(|r| r.event_chain()).unwrap();
    assert_eq!(
        events - events_before,
        7,
        "the hash chain links the seven stored events"
    );

    // What the batch acknowledged is in the file when it is opened again.
    let path = store.path().to_path_buf();
    drop(store);
    let reopened = Store::open(&path).unwrap();
    assert!(marked(&reopened, "held") && marked(&reopened, "w6") && !marked(&reopened, "w3"));
}

/// The last writer of a batch is refused: the others' writes are still
/// made durable, by an empty commit.
#[test]
fn a_batch_whose_last_writer_is_refused_is_still_made_durable() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(dir.path());
    let before = store.durable_commits();
    let (started, has_started) = mpsc::channel();
    let (release, released) = mpsc::channel::<()>();
    thread::scope(|s| {
        let store = &store;
        let held = s.spawn(move || {
            store.write(|w| {
                mark(w, "held")?;
                started.send(()).unwrap();
                released.recv().unwrap();
                Ok::<_, StoreError>(())
            })
        });
        has_started.recv().unwrap();
        let last = s
            .spawn(move || store.write(|w| mark(w, "last").and_then(|()| Err::<(), _>(refused()))));
        while store.batches.entering() < 2 {
            thread::yield_now();
        }
        release.send(()).unwrap();
        assert!(held.join().unwrap().is_ok());
        assert!(last.join().unwrap().is_err());
    });
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
