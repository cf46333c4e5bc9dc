//! `outlay serve` figures, not pass/fail: durable writes per second with 1, 4
//! and 16 clients on ledgers of 10^4, 10^5 and 10^6 disbursements from
//! `../shared/bench/gen.py`, and the latency from one client's payment to a
//! second client having read it after the change notice.
//!
//! Run with `cargo bench --bench serve` (needs python3 and ../shared beside
//! the repository); `OUTLAY_BENCH_SIZES=10000,100000` picks the sizes.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use outlay::Ledger;
use outlay::domain::Money;
use outlay::domain::input::NewDisbursement;

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
    NewDisbursement {
        line: "B01".into(),
        date: "2021-06-01".parse().unwrap(),
        amount: Money::from_fen(1),
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

fn main() {
    let scratch = tempfile::tempdir().unwrap();
    println!("outlay serve, each write a durable commit ({WRITES} writes a step)");
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
}
