//! What the benches share: a synthetic year from `../shared/bench/gen.py`,
//! imported into a new ledger.

#![allow(dead_code)] // each bench uses its own part of it

pub mod cli;
pub mod machine;
pub mod process;
pub mod serve;
pub mod table;
pub mod tui;

use std::path::{Path, PathBuf};
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

/// The sizes to measure: `OUTLAY_BENCH_SIZES=10000,100000`, else 10^4, 10^5
/// and 10^6 disbursements.
pub fn sizes() -> Vec<usize> {
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

/// A generated year of `n` disbursements: one of the directories
/// `OUTLAY_BENCH_DATA` lists (colon-separated, each a `gen.py` output whose
/// expected.json says its size), else a new one under `scratch`. Generating
/// 10^6 takes minutes; a year made once can be reused.
pub fn year_of(n: usize, scratch: &Path) -> PathBuf {
    let listed = std::env::var("OUTLAY_BENCH_DATA").unwrap_or_default();
    let made = listed
        .split(':')
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .find(|dir| size_of_year(dir) == Some(n));
    made.unwrap_or_else(|| {
        let dir = scratch.join(format!("gen{n}"));
        generate(n, &dir);
        dir
    })
}

/// The `n` a `gen.py` directory's expected.json records.
fn size_of_year(dir: &Path) -> Option<usize> {
    let text = std::fs::read_to_string(dir.join("expected.json")).ok()?;
    let expected: serde_json::Value = serde_json::from_str(&text).ok()?;
    expected["n"].as_u64().map(|n| n as usize)
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
