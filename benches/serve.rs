//! `outlay serve` figures, not pass/fail: durable writes per second with 1, 4
//! and 16 clients on ledgers of 10^4, 10^5 and 10^6 disbursements from
//! `../shared/bench/gen.py`, and the latency from one client's payment to a
//! second client having read it after the change notice. Then the exactness
//! check `tests/serve.rs` makes at 4 × 400 in CI, at its full 4 × 5,000.
//!
//! `--bench figures` prints the same writes/s in its table; this entry keeps
//! the latency and the full exactness run.
//!
//! Run with `cargo bench --bench serve` (needs python3 and ../shared beside
//! the repository); `OUTLAY_BENCH_SIZES=10000,100000` picks the sizes and
//! `OUTLAY_BENCH_DATA=DIR:DIR` reuses years `gen.py` made before.

use std::path::Path;
use std::time::{Duration, Instant};

use outlay::Ledger;
use outlay::domain::{BudgetLine, EconClass, FiscalYear, Kind, Level, Money, Source};
use outlay::ledger::DisbursementQuery;

mod support;
use support::serve::{Server, WRITES, pay_fen, submit_to_visible, writes_per_second};
use support::{import_year, sizes, year_of};

/// Clients and payments each of the full-size exactness run.
const EXACT_CLIENTS: i64 = 4;
const EXACT_EACH: i64 = 5000;

/// A new ledger with the one line B01 the payments go to.
fn ledger_with_a_line(db: &Path) {
    let ledger = Ledger::create(
        db,
        FiscalYear::new(2021).unwrap(),
        "bench",
        &outlay::identity::current_user(),
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
            allocated: "1000000000".parse().unwrap(),
            refs: Default::default(),
        })
        .unwrap();
}

/// 4 clients × 5,000 payments at once: every voucher stored once, the
/// report's total equal to what was paid, every running total verified.
/// Panics when not; returns the time the writes took.
fn exact_under_concurrency(db: &Path) -> Duration {
    ledger_with_a_line(db);
    let server = Server::start(db);
    let socket = &server.socket;
    let started = Instant::now();
    let writers: Vec<_> = (0..EXACT_CLIENTS)
        .map(|client| {
            let ledger = Ledger::connect(socket).unwrap();
            std::thread::spawn(move || {
                let mut total = 0i64;
                for n in 0..EXACT_EACH {
                    let fen = 100 + client * 7 + n;
                    ledger.pay(pay_fen(format!("C{client}-{n}"), fen)).unwrap();
                    total += fen;
                }
                total
            })
        })
        .collect();
    let expected: i64 = writers.into_iter().map(|w| w.join().unwrap()).sum();
    let took = started.elapsed();

    let ledger = Ledger::connect(socket).unwrap();
    let all = ledger.disbursements(DisbursementQuery::default()).unwrap();
    let mut vouchers: Vec<&str> = all.iter().map(|d| d.voucher.as_str()).collect();
    vouchers.sort_unstable();
    vouchers.dedup();
    let written = (EXACT_CLIENTS * EXACT_EACH) as usize;
    assert_eq!(
        (all.len(), vouchers.len()),
        (written, written),
        "every entry exactly once"
    );
    let report = ledger.report(Some("2021-12-31".parse().unwrap())).unwrap();
    assert_eq!(
        report.group("all").unwrap().spent,
        Money::from_fen(expected)
    );
    assert!(
        ledger.verify_totals().unwrap().is_empty(),
        "running totals equal the sums of their entries"
    );
    took
}

fn main() {
    let scratch = tempfile::tempdir().unwrap();
    println!("outlay serve, durable writes ({WRITES} writes a step)");
    for n in sizes() {
        let data = year_of(n, scratch.path());
        let db = scratch.path().join(format!("served-{n}.redb"));
        let (ledger, _, _) = import_year(&data, &db, &outlay::identity::current_user());
        drop(ledger);
        let server = Server::start(&db);
        let socket = &server.socket;
        println!("{n:>8} disbursements:");
        for clients in [1usize, 4, 16] {
            println!(
                "  {clients:>2} clients: {:>7.0} writes/s",
                writes_per_second(socket, clients)
            );
        }
        let (p50, p99) = submit_to_visible(socket);
        println!("  submit → visible in a second client: p50 {p50:.2} ms, p99 {p99:.2} ms");
        drop(server);
        let _ = std::fs::remove_file(&db);
    }
    let took = exact_under_concurrency(&scratch.path().join("exact.redb"));
    println!(
        "{EXACT_CLIENTS} clients × {EXACT_EACH} payments at once: exact (each voucher once, totals verified), {:.1} s",
        took.as_secs_f64()
    );
}
