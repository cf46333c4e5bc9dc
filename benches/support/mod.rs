//! What the benches share: a synthetic year from `../shared/bench/gen.py`,
//! imported into a new ledger.

#![allow(dead_code)] // each bench uses its own part of it

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use outlay::domain::FiscalYear;
use outlay::{Ledger, import};

pub fn generate(n: usize, dir: &Path) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen.py");
    let status = Command::new("python3")
        .arg(&script)
        .arg(n.to_string())
        .arg(dir)
        .status()
        .expect("python3 runs gen.py");
    assert!(status.success(), "gen.py failed");
}

pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn read(dir: &Path, name: &str) -> String {
    import::decode(&std::fs::read(dir.join(name)).unwrap()).unwrap()
}

/// Imports the generated year into a new ledger whose admin is `admin`; returns (parse, store) times
/// of the disbursements.
pub fn import_year(data: &Path, db: &Path, admin: &str) -> (Ledger, Duration, Duration) {
    let year = FiscalYear::new(2021).unwrap();
    let quiet = &mut |_| {};
    let ledger = Ledger::create(db, year, "bench", admin).unwrap();
    let lines = import::parse_lines(&read(data, "lines.csv"), year, quiet).unwrap();
    ledger.import_lines(lines, "lines.csv".into()).unwrap();
    let adjustments =
        import::parse_adjustments(&read(data, "adjustments.csv"), year, quiet).unwrap();
    ledger
        .import_adjustments(adjustments, "adjustments.csv".into())
        .unwrap();
    let schedule = import::parse_schedule(&read(data, "schedule.csv"), year, quiet).unwrap();
    ledger
        .import_schedule(schedule, "schedule.csv".into())
        .unwrap();
    let text = read(data, "disbursements.csv");
    let started = Instant::now();
    let rows = import::parse_disbursements(&text, year, quiet).unwrap();
    let parsed = started.elapsed();
    let started = Instant::now();
    ledger
        .import_disbursements_with_progress(rows, "disbursements.csv".into(), quiet)
        .unwrap();
    (ledger, parsed, started.elapsed())
}
