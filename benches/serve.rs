//! `outlay serve` figures, not pass/fail: durable writes per second with 1, 4
//! and 16 clients on ledgers of 10^4, 10^5 and 10^6 disbursements from
//! `../shared/bench/gen.py`, and the latency from one client's payment to a
//! second client having read it after the change notice. Then the exactness
//! check `tests/serve.rs` makes at 4 × 400 in CI, at its full 4 × 5,000.
//!
//! Run with `cargo bench --bench serve` (needs python3 and ../shared beside
//! the repository); `OUTLAY_BENCH_SIZES=10000,100000` picks the sizes.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use outlay::Ledger;
use outlay::domain::input::NewDisbursement;
use outlay::domain::{BudgetLine, EconClass, FiscalYear, Kind, Level, Money, Source};
use outlay::ledger::DisbursementQuery;

mod support;
use support::{generate, import_year};

/// Payments each client-count step writes in all.
const WRITES: usize = 1600;

fn sizes() -> Vec<usize> {
    std::env::var("OUTLAY_BENCH_SIZES")
        .unwrap_or_else(|_| "10000,100000,1000000".into())
        .split(',')
        .map(|n| {
            n.trim()
                .parse()
                .expect("OUTLAY_BENCH_SIZES: comma-separated counts")
        })
        .collect()
}

fn pay(voucher: String) -> NewDisbursement {
    pay_fen(voucher, 1)
}

fn pay_fen(voucher: String, fen: i64) -> NewDisbursement {
    NewDisbursement {
        line: "B01".into(),
        date: "2021-06-01".parse().unwrap(),
        amount: Money::from_fen(fen),
        payee: "p".into(),
        voucher,
        memo: String::new(),
        contract: None,
        refs: Default::default(),
        tags: Default::default(),
    }
}

/// The release binary serving `db`, once its socket answers.
fn start_server(db: &Path) -> (Child, std::path::PathBuf) {
    let socket = db.with_extension("sock");
    let server = Command::new(env!("CARGO_BIN_EXE_outlay"))
        .arg("--db")
        .arg(db)
        .arg("serve")
        .env("OUTLAY_CONFIG", db.with_extension("no-settings"))
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    while std::os::unix::net::UnixStream::connect(&socket).is_err() {
        std::thread::sleep(Duration::from_millis(20));
    }
    (server, socket)
}

fn writes_per_second(socket: &Path, clients: usize) -> f64 {
    let per_client = WRITES / clients;
    let ledgers: Vec<Ledger> = (0..clients)
        .map(|_| Ledger::connect(socket).unwrap())
        .collect();
    let started = Instant::now();
    let threads: Vec<_> = ledgers
        .into_iter()
        .enumerate()
        .map(|(c, ledger)| {
            std::thread::spawn(move || {
                for n in 0..per_client {
                    ledger.pay(pay(format!("W{clients}-{c}-{n}"))).unwrap();
                }
            })
        })
        .collect();
    threads.into_iter().for_each(|t| t.join().unwrap());
    (per_client * clients) as f64 / started.elapsed().as_secs_f64()
}

/// p50 and p99, in ms, from a payment to a second client reading it.
fn submit_to_visible(socket: &Path) -> (f64, f64) {
    let writer = Ledger::connect(socket).unwrap();
    let watcher = Ledger::connect(socket).unwrap();
    let notices = watcher.client().unwrap().subscribe().unwrap();
    let mut samples = Vec::new();
    for n in 0..300 {
        let started = Instant::now();
        let id = writer.pay(pay(format!("L{n}"))).unwrap().disbursement.id;
        // Seen: a notice has arrived and the watcher's read returns the entry.
        loop {
            notices.recv().unwrap();
            if watcher.disbursement(id).unwrap().is_some() {
                break;
            }
        }
        samples.push(started.elapsed());
    }
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q) as usize].as_secs_f64() * 1e3;
    (at(0.5), at(0.99))
}

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
    let (mut server, socket) = start_server(db);
    let started = Instant::now();
    let writers: Vec<_> = (0..EXACT_CLIENTS)
        .map(|client| {
            let ledger = Ledger::connect(&socket).unwrap();
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

    let ledger = Ledger::connect(&socket).unwrap();
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
    let _ = server.kill();
    let _ = server.wait();
    took
}

fn main() {
    let scratch = tempfile::tempdir().unwrap();
    println!("outlay serve, durable writes ({WRITES} writes a step)");
    for n in sizes() {
        let data = scratch.path().join(format!("gen{n}"));
        generate(n, &data);
        let db = scratch.path().join(format!("served-{n}.redb"));
        let (ledger, _, _) = import_year(&data, &db, &outlay::identity::current_user());
        drop(ledger);
        let (mut server, socket) = start_server(&db);
        println!("{n:>8} disbursements:");
        for clients in [1usize, 4, 16] {
            println!(
                "  {clients:>2} clients: {:>7.0} writes/s",
                writes_per_second(&socket, clients)
            );
        }
        let (p50, p99) = submit_to_visible(&socket);
        println!("  submit → visible in a second client: p50 {p50:.2} ms, p99 {p99:.2} ms");
        let _ = server.kill();
        let _ = server.wait();
        let _ = std::fs::remove_file(&db);
    }
    let took = exact_under_concurrency(&scratch.path().join("exact.redb"));
    println!(
        "{EXACT_CLIENTS} clients × {EXACT_EACH} payments at once: exact (each voucher once, totals verified), {:.1} s",
        took.as_secs_f64()
    );
}
