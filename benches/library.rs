//! The library's figures in process, not pass/fail: import parse and store,
//! report, summary, monitor, forms and the TUI drawn into a TestBackend, at
//! 10k and 100k disbursements of a synthetic year from `../shared/bench/gen.py`.
//! `--bench figures` measures the release binary as whole processes instead.
//!
//! Run with `cargo bench --bench library` (needs python3 and ../shared beside
//! the repository). Each figure is the median of several runs.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use outlay::Ledger;

const RUNS: usize = 3;

mod support;
use support::{generate, import_year, median};

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

/// `outlay form` for every project, as Markdown and as a workbook, in both
/// layouts: reading the forms and rendering them (targets 50 ms and 300 ms
/// at 10^5 disbursements; printed, not asserted).
fn forms_figures(ledger: &Ledger) {
    use outlay::document::summary::Style;
    use outlay::domain::form::{Layout, ProjectForm};
    let style = Style {
        lang: outlay::i18n::Lang::Zh,
        unit: outlay::domain::Unit::Wan,
    };
    for layout in [Layout::National, Layout::Sichuan] {
        let time = |render: &dyn Fn(&[ProjectForm]) -> usize| {
            let mut projects = 0;
            let samples: Vec<Duration> = (0..RUNS)
                .map(|_| {
                    let started = Instant::now();
                    let forms = ledger
                        .forms(Some("2021-12-31".parse().unwrap()), layout)
                        .unwrap();
                    assert!(render(&forms) > 0);
                    projects = forms.len();
                    started.elapsed()
                })
                .collect();
            (median(samples), projects)
        };
        let (md, projects) = time(&|forms| {
            outlay::document::to_markdown(&outlay::document::form::forms_document(forms, style))
                .len()
        });
        let (xlsx, _) = time(&|forms| {
            outlay::document::xlsx::forms_workbook(forms, style)
                .unwrap()
                .len()
        });
        let name = format!("{layout}");
        println!(
            "  forms + Markdown  {:>9.2} ms  ({projects} projects, {name})",
            md.as_secs_f64() * 1e3
        );
        println!(
            "  forms + XLSX      {:>9.2} ms  ({name})",
            xlsx.as_secs_f64() * 1e3
        );
    }
}

fn main() {
    let scratch = tempfile::tempdir().unwrap();
    println!("outlay library figures, in process (median of {RUNS} runs)");
    println!("demo year:");
    tui_figures(Ledger::create_demo(&scratch.path().join("demo.redb"), "bench").unwrap());
    for n in [10_000usize, 100_000] {
        let data: PathBuf = scratch.path().join(format!("gen{n}"));
        generate(n, &data);
        let (mut parse, mut store, mut report, mut reopen) = (vec![], vec![], vec![], vec![]);
        let mut last = None;
        for run in 0..RUNS {
            let db = scratch.path().join(format!("bench-{n}-{run}.redb"));
            let (ledger, p, s) = import_year(&data, &db, "bench");
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
        let samples: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let started = Instant::now();
                let r = ledger.monitor(Some("2021-07-31".parse().unwrap())).unwrap();
                assert!(!r.projects.is_empty());
                started.elapsed()
            })
            .collect();
        println!(
            "  monitor (07-31)   {:>9.2} ms",
            median(samples).as_secs_f64() * 1e3
        );
        forms_figures(ledger);
        tui_figures(last.expect("at least one run"));
    }
}
