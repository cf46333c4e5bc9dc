//! Figures, not pass/fail: import throughput and report time at 10k and 100k
//! disbursements of a synthetic year from `../shared/bench/gen.py`.
//!
//! Run with `cargo bench --bench figures` (needs python3 and ../shared beside
//! the repository). Each figure is the median of several runs.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use outlay::domain::FiscalYear;
use outlay::{Ledger, import};

const RUNS: usize = 3;

fn generate(n: usize, dir: &Path) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen.py");
    let status = Command::new("python3")
        .arg(&script)
        .arg(n.to_string())
        .arg(dir)
        .status()
        .expect("python3 runs gen.py");
    assert!(status.success(), "gen.py failed");
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn read(dir: &Path, name: &str) -> String {
    import::decode(&std::fs::read(dir.join(name)).unwrap()).unwrap()
}

/// Imports the generated year into a new ledger; returns (parse, store) times
/// of the disbursements.
fn import_year(data: &Path, db: &Path) -> (Ledger, Duration, Duration) {
    let year = FiscalYear::new(2021).unwrap();
    let quiet = &mut |_| {};
    let ledger = Ledger::create(db, year, "bench", "bench").unwrap();
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

/// Median time to draw each tab of the TUI into a 120×40 TestBackend, and to
/// reload its view data (what happens after a save or an as-of change).
fn tui_figures(ledger: Ledger) {
    use outlay::domain::Unit;
    use outlay::i18n::Lang;
    use outlay::tui::keymap::Keymap;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    let started = Instant::now();
    let mut app =
        outlay::tui::App::new(ledger, Lang::Zh, Unit::Yuan, Keymap::builtin_default()).unwrap();
    let open = started.elapsed();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut line = format!(
        "  TUI open {:>7.1} ms; draw per tab:",
        open.as_secs_f64() * 1e3
    );
    for tab in '1'..='8' {
        app.handle_key(KeyEvent::new(KeyCode::Char(tab), KeyModifiers::NONE));
        let samples: Vec<Duration> = (0..50)
            .map(|_| {
                let started = Instant::now();
                terminal
                    .draw(|frame| outlay::tui::draw(frame, &app))
                    .unwrap();
                started.elapsed()
            })
            .collect();
        line.push_str(&format!(
            " {tab}:{:.2}",
            median(samples).as_secs_f64() * 1e3
        ));
    }
    println!("{line} ms");
    // The Review and Summary tabs read the month-end review and the year-end
    // summary besides what every tab shares.
    for (tab, name) in [('1', "Overview"), ('7', "Review"), ('8', "Summary")] {
        app.handle_key(KeyEvent::new(KeyCode::Char(tab), KeyModifiers::NONE));
        let samples: Vec<Duration> = (0..5)
            .map(|_| {
                let started = Instant::now();
                app.handle_key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
                started.elapsed()
            })
            .collect();
        println!(
            "  TUI reload after a change, on {name} {:>7.1} ms",
            median(samples).as_secs_f64() * 1e3
        );
    }
}

/// `outlay serve` figures: writes per second with 1, 4 and 16 clients, and
/// the latency from one client's payment to another client seeing it.
fn serve_figures(scratch: &Path) {
    use outlay::domain::input::NewDisbursement;
    use outlay::domain::{BudgetLine, EconClass, Kind, Level, Money, Source};
    use outlay::ledger::DisbursementQuery;

    let db = scratch.join("served.redb");
    let ledger = Ledger::create(
        &db,
        FiscalYear::new(2021).unwrap(),
        "bench",
        &outlay::identity::current_user(),
    )
    .unwrap();
    ledger
        .add_line(BudgetLine {
            code: "B01".into(),
            name: "b".into(),
            kind: Kind::Basic,
            source: Source::Initial,
            level: Level::District,
            econ_class: Some(EconClass::Goods),
            project: None,
            doc_no: String::new(),
            allocated_on: "2021-01-01".parse().unwrap(),
            allocated: "100000000".parse().unwrap(),
            refs: Default::default(),
        })
        .unwrap();
    drop(ledger);
    let socket = db.with_extension("sock");
    let mut server = Command::new(env!("CARGO_BIN_EXE_outlay"))
        .arg("--db")
        .arg(&db)
        .arg("serve")
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    while std::os::unix::net::UnixStream::connect(&socket).is_err() {
        std::thread::sleep(Duration::from_millis(20));
    }
    let pay = |voucher: String| NewDisbursement {
        line: "B01".into(),
        date: "2021-06-01".parse().unwrap(),
        amount: Money::from_fen(100),
        payee: "p".into(),
        voucher,
        memo: String::new(),
        contract: None,
        refs: Default::default(),
    };
    println!("outlay serve (each write a durable commit):");
    for clients in [1usize, 4, 16] {
        let per_client = 1600 / clients;
        let started = Instant::now();
        let threads: Vec<_> = (0..clients)
            .map(|c| {
                let ledger = Ledger::connect(&socket).unwrap();
                std::thread::spawn(move || {
                    for n in 0..per_client {
                        ledger.pay(pay(format!("W{clients}-{c}-{n}"))).unwrap();
                    }
                })
            })
            .collect();
        threads.into_iter().for_each(|t| t.join().unwrap());
        let elapsed = started.elapsed();
        println!(
            "  {clients:>2} clients: {:>7.0} writes/s",
            (per_client * clients) as f64 / elapsed.as_secs_f64()
        );
    }
    let writer = Ledger::connect(&socket).unwrap();
    let watcher = Ledger::connect(&socket).unwrap();
    let notices = watcher.client().unwrap().subscribe().unwrap();
    let mut samples = Vec::new();
    for n in 0..300 {
        let voucher = format!("L{n}");
        let started = Instant::now();
        writer.pay(pay(voucher.clone())).unwrap();
        // Seen: the notice has arrived and the watcher's read returns the entry.
        loop {
            notices.recv().unwrap();
            let query = DisbursementQuery {
                newest_first: true,
                limit: Some(1),
                ..DisbursementQuery::default()
            };
            if watcher
                .disbursements(query)
                .unwrap()
                .first()
                .is_some_and(|d| d.voucher == voucher)
            {
                break;
            }
        }
        samples.push(started.elapsed());
    }
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q) as usize].as_secs_f64() * 1e3;
    println!(
        "  submit → visible in a second client: p50 {:.2} ms, p99 {:.2} ms",
        at(0.5),
        at(0.99)
    );
    let _ = server.kill();
    let _ = server.wait();
}

fn main() {
    let scratch = tempfile::tempdir().unwrap();
    println!("outlay figures (median of {RUNS} runs)");
    serve_figures(scratch.path());
    println!("demo year:");
    tui_figures(Ledger::create_demo(&scratch.path().join("demo.redb"), "bench").unwrap());
    for n in [10_000usize, 100_000] {
        let data: PathBuf = scratch.path().join(format!("gen{n}"));
        generate(n, &data);
        let (mut parse, mut store, mut report, mut reopen) = (vec![], vec![], vec![], vec![]);
        let mut last = None;
        for run in 0..RUNS {
            let db = scratch.path().join(format!("bench-{n}-{run}.redb"));
            let (ledger, p, s) = import_year(&data, &db);
            parse.push(p);
            store.push(s);
            let started = Instant::now();
            let r = ledger.report(Some("2021-12-31".parse().unwrap())).unwrap();
            report.push(started.elapsed());
            let started = Instant::now();
            let mid = ledger.report(Some("2021-06-30".parse().unwrap())).unwrap();
            reopen.push(started.elapsed());
            assert!(r.group("all").unwrap().spent >= mid.group("all").unwrap().spent);
            last = Some(ledger);
        }
        let (parse, store) = (median(parse), median(store));
        let rows_per_s = |d: Duration| n as f64 / d.as_secs_f64();
        println!("{n:>7} disbursements:");
        println!(
            "  import parse      {:>9.1} ms  {:>10.0} rows/s",
            parse.as_secs_f64() * 1e3,
            rows_per_s(parse)
        );
        println!(
            "  import store      {:>9.1} ms  {:>10.0} rows/s",
            store.as_secs_f64() * 1e3,
            rows_per_s(store)
        );
        println!(
            "  import total      {:>9.1} ms  {:>10.0} rows/s",
            (parse + store).as_secs_f64() * 1e3,
            rows_per_s(parse + store)
        );
        println!(
            "  report year end   {:>9.2} ms",
            median(report).as_secs_f64() * 1e3
        );
        println!(
            "  report mid-year   {:>9.2} ms",
            median(reopen).as_secs_f64() * 1e3
        );
        let ledger = last.as_ref().expect("at least one run");
        let samples: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let started = Instant::now();
                let summary = ledger.summary(Some("2021-12-31".parse().unwrap())).unwrap();
                let md =
                    outlay::document::to_markdown(&outlay::document::summary::summary_document(
                        &summary,
                        outlay::document::summary::Style {
                            lang: outlay::i18n::Lang::Zh,
                            unit: outlay::domain::Unit::Wan,
                        },
                    ));
                assert!(!md.is_empty());
                started.elapsed()
            })
            .collect();
        println!(
            "  summary + Markdown{:>9.2} ms",
            median(samples).as_secs_f64() * 1e3
        );
        tui_figures(last.expect("at least one run"));
    }
}
