//! Issue 13's figures, not pass/fail, as a user meets them: the release binary
//! as whole processes on a synthetic year of 10^4, 10^5 and 10^6
//! disbursements from `../shared/bench/gen.py`. Per size: `outlay import
//! disbursements` (time, rows/s, peak RSS), the ledger file's bytes per
//! disbursement, `outlay report` opened directly and through `outlay serve`
//! (median of 20 each), the TUI's first frame and switch to Basic in a tmux
//! pseudo-terminal, and durable writes/s with 1, 4 and 16 clients speaking the
//! wire protocol. Prints one Markdown table with the targets beside
//! the figures, and the machine it ran on.
//!
//! Run with `cargo bench --bench figures` (needs python3, tmux and ../shared
//! beside the repository). `OUTLAY_BENCH_SIZES=10000,100000` picks the sizes;
//! `OUTLAY_BENCH_DATA=DIR:DIR` reuses years `gen.py` made before.

use std::path::Path;

mod support;
use support::process::{self, Cost};
use support::serve::{self, Server};
use support::table::{Table, grouped, megabytes};
use support::tui::{self, FirstFrame};
use support::{cli, machine, sizes, year_of};

/// Runs of `outlay report` each way, and of the TUI script.
const REPORT_RUNS: usize = 20;
const TUI_RUNS: usize = 5;
const CLIENTS: [usize; 3] = [1, 4, 16];

/// Everything measured on one size of year.
struct Figures {
    n: usize,
    import: Cost,
    file_bytes: u64,
    report: Cost,
    report_through_socket: Cost,
    tui: FirstFrame,
    /// Writes/s for each of `CLIENTS`.
    writes: Vec<f64>,
    /// Submit → seen by a second client, p50 and p99 in ms.
    visible: (f64, f64),
}

impl Figures {
    fn bytes_per_row(&self) -> f64 {
        self.file_bytes as f64 / self.n as f64
    }

    fn socket_overhead_ms(&self) -> f64 {
        ms(self.report_through_socket) - ms(self.report)
    }

    fn scaling(&self) -> f64 {
        self.writes[2] / self.writes[0]
    }
}

fn ms(cost: Cost) -> f64 {
    cost.wall.as_secs_f64() * 1e3
}

fn measure(n: usize, scratch: &Path) -> Figures {
    let data = year_of(n, scratch);
    let db = scratch.join(format!("ledger-{n}.redb"));
    eprintln!("{n}: importing {}", data.display());
    cli::ledger_before_disbursements(&data, &db);
    let import = process::measure(&mut cli::import_disbursements(&data, &db));
    let file_bytes = std::fs::metadata(&db).unwrap().len();
    let report = process::median_of(REPORT_RUNS, || {
        let mut report = cli::outlay(&db);
        report.arg("report");
        report
    });
    eprintln!("{n}: TUI");
    let tui = tui::first_frame(&db, TUI_RUNS);

    eprintln!("{n}: serving");
    let server = Server::start(&db);
    // Before the writes, so both reports read the same ledger.
    let report_through_socket = process::median_of(REPORT_RUNS, || {
        let mut report = cli::outlay_through(&server.socket);
        report.arg("report");
        report
    });
    let writes = CLIENTS
        .iter()
        .map(|&clients| serve::writes_per_second(&server.socket, clients))
        .collect();
    let visible = serve::submit_to_visible(&server.socket);
    drop(server);
    let _ = std::fs::remove_file(&db);
    Figures {
        n,
        import,
        file_bytes,
        report,
        report_through_socket,
        tui,
        writes,
        visible,
    }
}

/// A target's verdict: "met", "not met", or "—" when the run lacks a size it needs.
fn verdict(met: Option<bool>) -> String {
    match met {
        Some(true) => "met".into(),
        Some(false) => "**not met**".into(),
        None => "—".into(),
    }
}

/// Whether `ok` holds at 10^6, when measured.
fn at_million(all: &[Figures], ok: impl Fn(&Figures) -> bool) -> Option<bool> {
    all.iter().find(|f| f.n == 1_000_000).map(ok)
}

/// Whether `ok` holds at every size measured.
fn at_each(all: &[Figures], ok: impl Fn(&Figures) -> bool) -> Option<bool> {
    (!all.is_empty()).then(|| all.iter().all(ok))
}

/// Whether the figure at 10^6 is within 2× the one at 10^4, when both ran.
fn flat(all: &[Figures], figure: impl Fn(&Figures) -> f64) -> Option<bool> {
    let at = |n| all.iter().find(|f| f.n == n).map(&figure);
    Some(at(1_000_000)? <= 2.0 * at(10_000)?)
}

fn table(all: &[Figures]) -> Table {
    let mut header = vec!["work item".to_string()];
    header.extend(all.iter().map(|f| format!("{} disb.", grouped(f.n as f64))));
    header.extend(["target (issue 13)".into(), "verdict".into()]);
    let mut table = Table::new(header);
    let mut row = |item: &str, cell: &dyn Fn(&Figures) -> String, target: &str, met| {
        let mut cells = vec![item.to_string()];
        cells.extend(all.iter().map(cell));
        cells.extend([target.to_string(), verdict(met)]);
        table.row(cells);
    };
    row(
        "`import disbursements`, whole process",
        &|f| format!("{:.2} s", f.import.wall.as_secs_f64()),
        "≤13 s at 10^6",
        at_million(all, |f| f.import.wall.as_secs_f64() <= 13.0),
    );
    row(
        "import rate",
        &|f| {
            format!(
                "{} rows/s",
                grouped(f.n as f64 / f.import.wall.as_secs_f64())
            )
        },
        "",
        None,
    );
    row(
        "import peak RSS",
        &|f| megabytes(f.import.peak_rss),
        "≤400 MB at 10^6",
        at_million(all, |f| f.import.peak_rss <= 400_000_000),
    );
    row(
        "ledger file per disbursement",
        &|f| format!("{:.0} B", f.bytes_per_row()),
        "≤200 B at 10^6",
        at_million(all, |f| f.bytes_per_row() <= 200.0),
    );
    row(
        &format!("`report`, file opened directly (median of {REPORT_RUNS})"),
        &|f| format!("{:.1} ms", ms(f.report)),
        "",
        None,
    );
    row(
        "`report` peak RSS",
        &|f| megabytes(f.report.peak_rss),
        "<20 MB",
        at_each(all, |f| f.report.peak_rss < 20_000_000),
    );
    row(
        &format!("`report --socket` through `serve` (median of {REPORT_RUNS})"),
        &|f| format!("{:.1} ms", ms(f.report_through_socket)),
        "",
        None,
    );
    row(
        "socket − direct",
        &|f| format!("{:+.1} ms", f.socket_overhead_ms()),
        "≤5 ms",
        at_each(all, |f| f.socket_overhead_ms() <= 5.0),
    );
    row(
        &format!("TUI first full frame, 120×40 pty (median of {TUI_RUNS})"),
        &|f| format!("{:.0} ms", f.tui.first_frame_ms),
        "10^6 ≤ 2× 10^4",
        flat(all, |f| f.tui.first_frame_ms),
    );
    row(
        "TUI switch to Basic (`2`)",
        &|f| format!("{:.0} ms", f.tui.switch_ms),
        "10^6 ≤ 2× 10^4",
        flat(all, |f| f.tui.switch_ms),
    );
    row(
        "TUI peak RSS",
        &|f| megabytes(f.tui.peak_rss),
        "<60 MB",
        at_each(all, |f| f.tui.peak_rss < 60_000_000),
    );
    for (i, clients) in CLIENTS.iter().enumerate() {
        let is_16 = *clients == 16;
        row(
            &format!(
                "`serve`, {clients} client{}: durable writes/s",
                if *clients == 1 { "" } else { "s" }
            ),
            &|f| grouped(f.writes[i]),
            if is_16 { "≥2,000/s" } else { "" },
            if is_16 {
                at_each(all, |f| f.writes[2] >= 2000.0)
            } else {
                None
            },
        );
    }
    row(
        "16 clients ÷ 1 client",
        &|f| format!("{:.1}×", f.scaling()),
        "≥4×",
        at_each(all, |f| f.scaling() >= 4.0),
    );
    row(
        "submit → seen by a 2nd client, p50 / p99",
        &|f| format!("{:.2} / {:.2} ms", f.visible.0, f.visible.1),
        "",
        None,
    );
    table
}

fn main() {
    let started = std::time::Instant::now();
    let scratch = tempfile::tempdir().unwrap();
    let machine = machine::describe(scratch.path());
    let all: Vec<Figures> = sizes()
        .into_iter()
        .map(|n| measure(n, scratch.path()))
        .collect();
    let sizes = std::env::var("OUTLAY_BENCH_SIZES").unwrap_or_else(|_| "(all)".into());
    println!(
        "outlay figures: `cargo bench --bench figures`, OUTLAY_BENCH_SIZES={sizes}, binary {}",
        env!("CARGO_BIN_EXE_outlay")
    );
    println!("machine: {machine}");
    println!(
        "{} writes a `serve` step; verdicts per size measured (\"at 10^6\" ones need that size)\n",
        serve::WRITES
    );
    print!("{}", table(&all).markdown());
    println!("\nmeasured in {:.0} s", started.elapsed().as_secs_f64());
}
