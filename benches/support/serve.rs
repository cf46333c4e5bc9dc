//! `outlay serve` from the outside: the release binary serving a ledger, and
//! clients speaking the wire protocol to it through `Ledger::connect`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use outlay::Ledger;
use outlay::domain::Money;
use outlay::domain::input::NewDisbursement;

/// Payments each client-count step writes in all.
pub const WRITES: usize = 1600;

/// A payment of one fen to B01, the line every generated year has.
pub fn pay(voucher: String) -> NewDisbursement {
    pay_fen(voucher, 1)
}

pub fn pay_fen(voucher: String, fen: i64) -> NewDisbursement {
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

/// The release binary serving a ledger; stopped with SIGTERM when dropped,
/// so it removes its socket and note and the file can be opened directly again.
pub struct Server {
    child: Child,
    pub socket: PathBuf,
}

impl Server {
    /// Starts serving `db` and returns once its socket answers.
    pub fn start(db: &Path) -> Server {
        let socket = db.with_extension("sock");
        let child = Command::new(env!("CARGO_BIN_EXE_outlay"))
            .arg("--db")
            .arg(db)
            .arg("serve")
            .env("OUTLAY_CONFIG", db.with_extension("no-settings"))
            .env_remove("OUTLAY_SOCKET")
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        while std::os::unix::net::UnixStream::connect(&socket).is_err() {
            std::thread::sleep(Duration::from_millis(20));
        }
        Server { child, socket }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // SAFETY: kill(2) on the pid of a child we have not yet reaped.
        unsafe { libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM) };
        let _ = self.child.wait();
    }
}

/// Durable writes per second with `clients` connections writing `WRITES`
/// payments in all at once.
pub fn writes_per_second(socket: &Path, clients: usize) -> f64 {
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
pub fn submit_to_visible(socket: &Path) -> (f64, f64) {
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
