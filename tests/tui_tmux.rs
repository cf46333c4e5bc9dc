//! The real `outlay` binary in a real terminal: tmux runs it in a detached
//! pane, keys go in with `send-keys` and the screen comes back with
//! `capture-pane`, as a person would type and read. Every test has its own
//! tmux server (`tmux -L <socket>`), killed when the test ends, pass or fail,
//! so tests run in parallel and never touch the user's tmux.
//!
//! Needs `tmux` on the PATH (CI installs it).

mod common;

use common::tmux::{
    DEPARTMENT, OUTLAY, POLL, PROJECT, TIMEOUT, Tmux, demo_ledger, outlay, outlay_on, quote,
};
use common::xlsx_cell as cell;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// The first line of the screen that contains `needle`.
fn line_with<'a>(screen: &'a str, needle: &str) -> Option<&'a str> {
    screen.lines().find(|l| l.contains(needle))
}

/// Whether `line` has `word` as a whole, blank-separated word (`0.00%` is not in `100.00%`).
fn has_word(line: &str, word: &str) -> bool {
    line.split(|c: char| c.is_whitespace() || c == '│')
        .any(|w| w == word)
}

/// The first word of a table row, without the border.
fn first_word(row: &str) -> &str {
    row.trim_start_matches(['│', ' '])
        .split_whitespace()
        .next()
        .unwrap_or("")
}

fn tui(dir: &Path, db: &Path, width: u16, height: u16) -> Tmux {
    let db = quote(&db.display().to_string());
    Tmux::start(dir, width, height, &["--db", &db, "--lang", "en"])
}

/// The row of the project in the Projects list, or its gauge line when it is open.
fn project_line(screen: &str) -> &str {
    line_with(screen, PROJECT).unwrap_or("")
}

#[test]
fn log_and_reverse_a_disbursement_then_report_agrees() {
    let (dir, db) = demo_ledger();
    let tmux = tui(dir.path(), &db, 120, 40);

    // 1 Overview: the demo department at the year's end.
    let screen = tmux.wait_for(DEPARTMENT);
    assert!(screen.contains("time progress 100.00%"), "{screen}");
    assert!(screen.contains("as of 2021-12-31"), "{screen}");
    let projects = line_with(&screen, "│Projects ").unwrap_or("");
    assert!(has_word(projects, "40.53%"), "Projects gauge:\n{screen}");
    assert!(screen.contains("3 overdue 1,495,000.00"), "{screen}");

    // 3 Projects: P02 has paid nothing and 1,295,000.00 is overdue.
    tmux.keys(&["3"]);
    let screen = tmux.wait_for("enter opens one");
    let row = project_line(&screen);
    assert!(has_word(row, "0.00%"), "project row: {row}\n{screen}");
    assert!(row.contains("⚠ 1,295,000.00"), "project row: {row}");
    assert!(
        tmux.highlighted()
            .iter()
            .any(|h| h.contains("应急管理及安全生产专项工作")),
        "the first project is selected"
    );

    // It is the second row: one Down, Enter opens it.
    tmux.keys(&["Down"]);
    tmux.wait_until("the project selected", |_| {
        tmux.highlighted().iter().any(|h| h.contains(PROJECT))
    });
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Disbursements · esc back");
    assert!(line_with(&screen, "│P02 ").is_some(), "P02 line:\n{screen}");
    assert!(has_word(project_line(&screen), "0.00%"), "{screen}");

    // p: the payment form, its line prefilled from the open project.
    tmux.keys(&["p"]);
    let screen = tmux.wait_for("┌ Log a disbursement ");
    let line_field = line_with(&screen, "›Line").unwrap_or("");
    assert!(
        has_word(line_field, "P02"),
        "Line field: {line_field}\n{screen}"
    );
    let date_field = line_with(&screen, "│ Date ").unwrap_or("");
    assert!(has_word(date_field, "2021-12-31"), "Date field:\n{screen}");

    tmux.keys(&["Tab"]);
    tmux.type_text("129.5万");
    tmux.keys(&["Tab", "Tab"]);
    tmux.type_text("安源公司");
    tmux.keys(&["Tab"]);
    tmux.type_text("V-E2E-1");
    tmux.keys(&["Tab"]);
    tmux.type_text("RHCG-2021-017");
    let screen = tmux.wait_until("the contract typed", |s| {
        line_with(s, "│›Contract ").is_some_and(|l| l.contains("RHCG-2021-017"))
    });
    for (field, value) in [
        ("│ Amount (", "129.5万"),
        ("│ Payee ", "安源公司"),
        ("│ Voucher ", "V-E2E-1"),
        ("│›Contract ", "RHCG-2021-017"),
    ] {
        let line = line_with(&screen, field).unwrap_or("");
        assert!(line.contains(value), "{field} field: {line}\n{screen}");
    }
    tmux.keys(&["Enter"]);

    // Saved: the status says so, the rate moves and both instalments are paid.
    let screen = tmux.wait_until("the payment on screen", |s| {
        s.contains("Recorded disbursement #176 P02 1,295,000.00")
            && has_word(project_line(s), "99.62%")
    });
    assert!(
        !screen.contains("┌ Log a disbursement "),
        "form closed:\n{screen}"
    );
    let p02 = line_with(&screen, "│P02 ").unwrap_or("");
    assert!(
        has_word(p02, "1,295,000.00") && has_word(p02, "99.62%"),
        "P02 line: {p02}\n{screen}"
    );
    let instalments: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("RHCG-2021-017"))
        .collect();
    assert_eq!(instalments.len(), 2, "{screen}");
    for row in &instalments {
        assert!(has_word(row, "paid") && has_word(row, "0.00"), "{row}");
    }
    let entry = line_with(&screen, "V-E2E-1").unwrap_or("");
    assert_eq!(first_word(entry), "176", "{screen}");
    assert!(screen.contains("1 overdue 200,000.00"), "{screen}");

    // A refused form stays open with what was typed, the fault beside its field.
    tmux.keys(&["p"]);
    tmux.wait_for("┌ Log a disbursement ");
    tmux.keys(&["Tab"]);
    tmux.type_text("12a");
    tmux.keys(&["Tab", "Tab", "x", "Tab"]);
    tmux.type_text("V-E2E-2");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("'12a' is not an amount");
    assert!(screen.contains("┌ Log a disbursement "), "{screen}");
    let error = line_with(&screen, "✗").unwrap_or("");
    assert!(error.contains("amount: '12a' is not an amount"), "{screen}");
    let amount = line_with(&screen, "Amount (").unwrap_or("");
    assert!(
        amount.contains("›Amount") && has_word(amount, "12a"),
        "focus back on the amount, text kept: {amount}\n{screen}"
    );
    for (field, value) in [("Payee", "x"), ("Voucher", "V-E2E-2"), ("Line", "P02")] {
        let line = line_with(&screen, &format!("│ {field} ")).unwrap_or("");
        assert!(has_word(line, value), "{field} kept: {line}\n{screen}");
    }
    tmux.keys(&["Escape"]);
    tmux.wait_until("the form closed", |s| !s.contains("┌ Log a disbursement "));

    // 6 Payments: the new entry heads the journal (the refused one is not there).
    tmux.keys(&["6"]);
    let screen = tmux.wait_for("Journal · 176 entries");
    let header = screen
        .lines()
        .position(|l| l.contains("# Date"))
        .expect("journal header");
    let first = screen.lines().nth(header + 1).unwrap_or("");
    assert_eq!(first_word(first), "176", "first journal row:\n{screen}");
    assert!(has_word(first, "V-E2E-1"), "first journal row: {first}");
    // The entry just recorded is selected: `r` reverses it.
    tmux.wait_until("#176 selected", |_| {
        tmux.highlighted()
            .iter()
            .any(|h| first_word(h) == "176" && h.contains("V-E2E-1"))
    });
    tmux.keys(&["r"]);
    let screen = tmux.wait_for("┌ Reverse a disbursement ");
    let id = line_with(&screen, "Disbursement to reverse (id)").unwrap_or("");
    assert!(
        id.contains('›') && has_word(id, "176"),
        "id prefilled from the selection: {id}\n{screen}"
    );
    tmux.keys(&["Tab"]);
    tmux.type_text("e2e reversal");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_until("the reversal on screen", |s| {
        s.contains("Reversed #176 → #177") && s.contains("Journal · 177 entries")
    });
    let reversal = line_with(&screen, "V-E2E-1-R").unwrap_or("");
    assert_eq!(first_word(reversal), "177", "{screen}");
    assert!(
        has_word(reversal, "-1,295,000.00") && reversal.contains("↺ reverses #176"),
        "reversal row: {reversal}"
    );
    assert!(screen.contains("3 overdue 1,495,000.00"), "{screen}");

    // 3: the project is still open and back at 0.00%, its instalments late again.
    tmux.keys(&["3"]);
    let screen = tmux.wait_for("Disbursements · esc back");
    assert!(has_word(project_line(&screen), "0.00%"), "{screen}");
    let p02 = line_with(&screen, "│P02 ").unwrap_or("");
    assert!(has_word(p02, "0.00%"), "P02 line: {p02}\n{screen}");
    let late = screen
        .lines()
        .filter(|l| l.contains("RHCG-2021-017") && l.contains("⚠ late"))
        .count();
    assert_eq!(late, 2, "{screen}");
    let entries: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("Disbursements · esc back"))
        .skip(2)
        .take(2)
        .map(first_word)
        .collect();
    assert_eq!(entries, ["177", "176"], "{screen}");

    // Esc back to the list, which agrees; q quits and gives the terminal back.
    tmux.keys(&["Escape"]);
    let screen = tmux.wait_for("enter opens one");
    let row = project_line(&screen);
    assert!(
        has_word(row, "0.00%") && row.contains("⚠ 1,295,000.00"),
        "{row}"
    );
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), 0, "exit code");
    tmux.assert_terminal_restored();

    // The report says what the screen said.
    let report: Value = serde_json::from_str(&outlay(
        dir.path(),
        &db,
        &["report", "--as-of", "2021-12-31", "--format", "json"],
    ))
    .unwrap();
    let p02 = report["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == "P02")
        .expect("P02 in the report");
    assert_eq!(p02["spent"], "0.00");
    assert_eq!(p02["rate"], "0.00");
    assert_eq!(report["groups"]["project"]["spent"], "4242400.00");
    assert_eq!(report["groups"]["project"]["rate"], "40.53");
    assert_eq!(report["time_progress"], "100.00");

    let csv = outlay(
        dir.path(),
        &db,
        &["list", "disbursements", "--line", "P02", "--format", "csv"],
    );
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let field = |row: &csv::StringRecord, name: &str| {
        let i = headers.iter().position(|h| h == name).unwrap();
        row[i].to_string()
    };
    let row = |voucher: &str| {
        rows.iter()
            .find(|r| field(r, "voucher") == voucher)
            .unwrap_or_else(|| panic!("{voucher} not listed:\n{csv}"))
    };
    let paid = row("V-E2E-1");
    assert_eq!(
        [
            field(paid, "id"),
            field(paid, "amount"),
            field(paid, "payee")
        ],
        ["176", "1295000.00", "安源公司"]
    );
    assert_eq!(field(paid, "contract"), "RHCG-2021-017");
    let reversed = row("V-E2E-1-R");
    assert_eq!(
        [
            field(reversed, "id"),
            field(reversed, "amount"),
            field(reversed, "reverses")
        ],
        ["177", "-1295000.00", "176"]
    );
    assert!(
        !csv.contains("V-E2E-2"),
        "the refused payment was stored:\n{csv}"
    );
}

#[test]
fn help_tabs_resize_and_ctrl_c_in_a_small_terminal() {
    let (dir, db) = demo_ledger();
    let tmux = tui(dir.path(), &db, 80, 24);
    tmux.wait_for(DEPARTMENT);

    // ? shows the keys; any key closes it.
    tmux.keys(&["?"]);
    let screen = tmux.wait_for("Keys (↑↓ scroll, any other key closes)");
    assert!(screen.contains("Quit"), "{screen}");
    tmux.keys(&["x"]);
    tmux.wait_until("help closed", |s| {
        !s.contains("Keys (↑↓ scroll, any other key closes)")
    });
    assert!(
        tmux.highlighted().iter().any(|h| h.trim() == "1 Overview"),
        "Overview is the current tab"
    );

    // Tab goes to the next tab, Basic; it is highlighted and shows its table.
    tmux.keys(&["Tab"]);
    tmux.wait_for("Basic expenditure");
    assert!(
        tmux.highlighted().iter().any(|h| h.trim() == "2 Basic"),
        "Basic highlighted: {:?}",
        tmux.highlighted()
    );
    // Round the eight tabs back to Basic.
    tmux.keys(&["Tab", "Tab", "Tab", "Tab"]);
    tmux.wait_for("Journal · ");
    tmux.keys(&["Tab"]);
    tmux.wait_for("month-end review");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Year-end summary");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Execution · time progress");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Basic expenditure");

    // Resized, it draws again at the new size.
    for (width, height) in [(60, 20), (200, 50)] {
        tmux.resize(width, height);
        let screen = tmux.wait_until(&format!("a frame {width}×{height}"), |s| {
            let lines: Vec<&str> = s.lines().collect();
            lines.len() == height as usize
                && lines[0].contains("time progress 100.00%")
                && lines.get(2).is_some_and(|l| {
                    // narrow, the title keeps its amount and gives up its words
                    (l.contains("Basic expenditure") || l.contains("budget 4,076,200.00 yuan"))
                        && l.trim_end().ends_with('┐')
                        && l.trim_end().width() == width as usize
                })
        });
        assert!(screen.contains("2 Basic"), "{screen}");
    }
    // Too small: says so instead of drawing; larger again, draws again.
    tmux.resize(50, 12);
    tmux.wait_for("Terminal too small; outlay needs at least 60×16");
    tmux.resize(80, 24);
    tmux.wait_until("a frame 80×24 again", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.contains("time progress 100.00%"))
            && s.contains("Basic expenditure")
    });

    tmux.keys(&["C-c"]);
    assert_eq!(tmux.wait_exit(), 0, "exit code");
    tmux.assert_terminal_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let (dir, db) = demo_ledger();
    let tmux = tui(dir.path(), &db, 80, 24);
    tmux.wait_for(DEPARTMENT);
    // The ledger path is unique to this test, so it names this outlay alone.
    let pattern = format!("outlay --db {}", db.display());
    let status = Command::new("pkill")
        .args(["-TERM", "-f", &pattern])
        .status()
        .expect("pkill runs");
    assert!(status.success(), "no outlay process matched '{pattern}'");
    assert_eq!(tmux.wait_exit(), 0, "exit code after SIGTERM");
    tmux.assert_terminal_restored();
}

/// `outlay serve` on a ledger, for as long as it lives.
struct ServeProcess(std::process::Child);

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(home: &Path, db: &Path) -> (ServeProcess, PathBuf) {
    let socket = db.with_extension("sock");
    let child = Command::new(OUTLAY)
        .arg("--db")
        .arg(db)
        .arg("serve")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("outlay serve starts");
    let started = std::time::Instant::now();
    while std::os::unix::net::UnixStream::connect(&socket).is_err() {
        assert!(
            started.elapsed() < TIMEOUT,
            "the server did not listen on {}",
            socket.display()
        );
        std::thread::sleep(POLL);
    }
    (ServeProcess(child), socket)
}

#[test]
fn two_tuis_on_one_server_see_each_others_entries() {
    let (dir, db) = demo_ledger();
    let (_server, socket) = serve(dir.path(), &db);
    let socket = quote(&socket.display().to_string());
    let writer = Tmux::start(dir.path(), 120, 40, &["--socket", &socket, "--lang", "en"]);
    let watcher = Tmux::start(dir.path(), 120, 40, &["--socket", &socket, "--lang", "en"]);
    writer.wait_for(DEPARTMENT);
    watcher.wait_for(DEPARTMENT);

    // The watcher sits on the Projects tab; the service contract is unpaid.
    watcher.keys(&["3"]);
    let screen = watcher.wait_for(PROJECT);
    assert!(has_word(project_line(&screen), "0.00%"), "{screen}");

    // The writer logs 129.5万 on it through the form.
    writer.keys(&["3", "Down", "Enter", "p"]);
    writer.wait_for("┌ Log a disbursement ");
    writer.keys(&["Tab"]);
    writer.type_text("129.5万");
    writer.keys(&["Tab", "Tab"]);
    writer.type_text("安源公司");
    writer.keys(&["Tab"]);
    writer.type_text("V-LIVE-1");
    writer.keys(&["Enter"]);
    writer.wait_for("Recorded disbursement #176");

    // Without a key pressed, the watcher's table and gauges show it.
    let screen = watcher.wait_until("the watcher's Projects tab updated", |s| {
        has_word(project_line(s), "99.62%")
    });
    assert!(has_word(project_line(&screen), "1,295,000.00"), "{screen}");
    watcher.keys(&["1"]);
    // 424.24 + 129.5 of 1046.85 万 = 52.90%
    watcher.wait_until("the watcher's project gauge moved", |s| {
        s.lines()
            .any(|l| l.contains("Projects") && has_word(l, "52.90%"))
    });
}

#[test]
fn the_review_tab_shows_the_month_and_steps_through_months() {
    let (dir, db) = demo_ledger();
    let tmux = tui(dir.path(), &db, 120, 40);
    tmux.wait_for(DEPARTMENT);
    tmux.keys(&["7"]);
    let screen = tmux.wait_for("2021-12 month-end review");
    assert!(
        tmux.highlighted().iter().any(|h| h.trim() == "7 Review"),
        "Review highlighted: {:?}",
        tmux.highlighted()
    );
    // the whole year's rate, and the service contract's overdue instalment
    assert!(screen.contains("executed 57.19%"), "{screen}");
    assert!(
        line_with(&screen, "late 153d").is_some_and(|l| has_word(l, "647,500.00")),
        "{screen}"
    );
    // [ six times: June, time progress 6 ÷ 12, the training fund lagging first
    tmux.keys(&["[", "[", "[", "[", "[", "["]);
    let screen = tmux.wait_for("2021-06 month-end review");
    assert!(screen.contains("time progress by month 50.00%"), "{screen}");
    let p13 = line_with(&screen, "P13 ").unwrap_or("");
    assert!(
        has_word(p13, "-46.90") && has_word(p13, "lagging"),
        "{screen}"
    );
    // c: the chart follows the first project
    tmux.keys(&["c"]);
    tmux.wait_for("Cumulative execution · 应急管理及安全生产专项工作");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), 0, "exit code");
}

#[test]
fn the_summary_tab_shows_the_year_end_summary_and_exports_markdown() {
    let (dir, db) = demo_ledger();
    let tmux = tui(dir.path(), &db, 120, 40);
    tmux.wait_for(DEPARTMENT);
    // 8 opens the summary, in 万元 as `outlay summary` files it
    tmux.keys(&["8"]);
    let screen = tmux.wait_for("Year-end summary (10k yuan)");
    assert!(
        tmux.highlighted().iter().any(|h| h.trim() == "8 Summary"),
        "Summary highlighted: {:?}",
        tmux.highlighted()
    );
    let basic = line_with(&screen, "basic expenditure, all").unwrap_or("");
    assert!(
        has_word(basic, "407.62") && has_word(basic, "100.00%"),
        "{screen}"
    );
    let projects = line_with(&screen, "project money, all").unwrap_or("");
    assert!(
        has_word(projects, "1,046.85") && has_word(projects, "424.24"),
        "{screen}"
    );
    // End scrolls to the prose at the end of the document
    tmux.keys(&["End"]);
    tmux.wait_for("improvement measures");
    // x writes the Markdown into the working directory and says where
    tmux.keys(&["x"]);
    let path = dir.path().join("outlay-summary-2021.md");
    tmux.wait_for("Exported to");
    let md = std::fs::read_to_string(&path).unwrap();
    assert!(
        md.contains("| basic expenditure, all | 407.62 | 0.00 | 407.62 | 407.62 | 100.00% |"),
        "{md}"
    );
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), 0, "exit code");
    // the same file the command line writes, once the TUI has let go of the ledger
    let cli = outlay(
        dir.path(),
        &db,
        &["--lang", "en", "--unit", "wan", "summary", "--format", "md"],
    );
    assert_eq!(md, cli);
}

#[test]
fn a_projects_form_opens_from_the_summary_exports_xlsx_and_takes_multi_line_text() {
    use calamine::{Reader, Xlsx, open_workbook_from_rs};
    let (dir, db) = demo_ledger();
    let tmux = tui(dir.path(), &db, 120, 40);
    tmux.wait_for(DEPARTMENT);
    // 8 the summary, u in 万元 as forms print, enter the list of projects
    tmux.keys(&["8", "Enter"]);
    let chooser = tmux.wait_for("Choose a project: open its form");
    assert!(
        line_with(&chooser, PROJECT).is_some_and(|l| l.contains("missing")),
        "{chooser}"
    );
    // the demo's second project; enter opens its form, what it lacks first
    tmux.keys(&["Down", "Enter"]);
    let form = tmux.wait_for("national (10k yuan)");
    let lines: Vec<&str> = form.lines().collect();
    assert!(
        lines[2].contains(PROJECT) && lines[2].contains("missing"),
        "{form}"
    );
    assert!(lines[3].contains("✗"), "{form}");
    // w writes the workbook into the working directory and says where
    tmux.keys(&["w"]);
    let said = tmux.wait_for("Exported to");
    let path = dir
        .path()
        .join(format!("outlay-form-2021-{PROJECT}-national.xlsx"));
    assert!(
        said.contains("outlay-form-2021-"),
        "the status line names the file: {said}"
    );
    let bytes = std::fs::read(&path).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    assert_eq!(
        names.len(),
        2,
        "the list and this project's form: {names:?}"
    );
    let sheet = book.worksheet_range(&names[1]).unwrap();
    assert_eq!(cell(&sheet, 0, 0), "项目支出绩效自评表（2021年度）");
    assert_eq!(cell(&sheet, 2, 1), PROJECT);
    assert_eq!(cell(&sheet, 4, 2), "全年预算数");
    let budget = cell(&sheet, 5, 2);
    assert!(
        matches!(sheet.get_value((5, 2)), Some(calamine::Data::Float(_))),
        "a number"
    );

    // f: write 改进措施 on two lines (enter starts the second), ctrl-s saves
    tmux.keys(&["f"]);
    tmux.wait_for("Write a text of the form");
    tmux.keys(&["Home"]);
    for _ in 0..6 {
        tmux.keys(&["Down"]);
    }
    tmux.keys(&["Enter"]);
    tmux.wait_for("improvement measures ─");
    tmux.type_text("first line q");
    tmux.keys(&["Enter"]);
    tmux.type_text("second line");
    tmux.wait_for("│second line");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Saved improvement measures");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), 0, "exit code");

    // the ledger, as the command line reads it, agrees with the workbook and holds the text
    let json: Value = serde_json::from_str(&outlay(
        dir.path(),
        &db,
        &["form", PROJECT, "--format", "json"],
    ))
    .unwrap();
    let form = &json[0];
    assert_eq!(form["project"], PROJECT);
    let yuan: rust_decimal::Decimal = form["funds"]["budget"].as_str().unwrap().parse().unwrap();
    let wan = (yuan / rust_decimal::Decimal::from(10_000))
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    assert_eq!(budget, format!("{wan:.2}"), "全年预算数 in 万元");
    assert_eq!(form["improvements"], "first line q\nsecond line");
}

/// The header while the server is away.
const OFFLINE_EN: &str = "disconnected from the server, reconnecting…";
const OFFLINE_ZH: &str = "与服务器断开，正在重连…";

/// Runs `outlay --socket SOCKET ARGS` as another client would; its stdout. Panics on failure.
#[track_caller]
fn outlay_through(home: &Path, socket: &Path, args: &[&str]) -> String {
    outlay_on(home, "--socket", socket, args)
}

/// A TUI on the socket, opened on the service contract's project, its payment form filled in.
fn tui_on_socket_with_a_pay_form(
    dir: &Path,
    socket: &Path,
    lang: &str,
    title: &str,
    voucher: &str,
) -> Tmux {
    let socket = quote(&socket.display().to_string());
    let tmux = Tmux::start(dir, 120, 40, &["--socket", &socket, "--lang", lang]);
    tmux.wait_for(DEPARTMENT);
    tmux.keys(&["3"]);
    tmux.wait_for(PROJECT);
    tmux.keys(&["Down"]);
    tmux.wait_until("the project selected", |_| {
        tmux.highlighted().iter().any(|h| h.contains(PROJECT))
    });
    tmux.keys(&["Enter", "p"]);
    tmux.wait_for(title);
    tmux.keys(&["Tab"]);
    tmux.type_text("1000");
    tmux.keys(&["Tab", "Tab"]);
    tmux.type_text("重连测试公司");
    tmux.keys(&["Tab"]);
    tmux.type_text(voucher);
    tmux.wait_for(voucher);
    tmux
}

#[test]
fn a_tui_on_the_socket_rides_out_a_server_restart() {
    let (dir, db) = demo_ledger();
    let (server, socket) = serve(dir.path(), &db);
    let tmux = tui_on_socket_with_a_pay_form(
        dir.path(),
        &socket,
        "en",
        "┌ Log a disbursement ",
        "V-AFTER-1",
    );
    tmux.keys(&["Escape"]);
    let screen = tmux.wait_until("the form closed", |s| !s.contains("┌ Log a disbursement "));
    assert!(has_word(project_line(&screen), "0.00%"), "{screen}");
    assert!(!screen.contains(OFFLINE_EN), "{screen}");

    drop(server);
    let screen = tmux.wait_for(OFFLINE_EN);
    assert!(
        screen.lines().next().unwrap_or("").contains(OFFLINE_EN),
        "said in the header:\n{screen}"
    );
    let (_server, _) = serve(dir.path(), &db);
    // Paid by another client as soon as the server is back, perhaps before the TUI is.
    outlay_through(
        dir.path(),
        &socket,
        &[
            "pay",
            "P02",
            "129.5万",
            "--payee",
            "安源公司",
            "--voucher",
            "V-CLI-1",
        ],
    );
    // Without a key pressed: reconnected, re-read, the payment shown.
    let screen = tmux.wait_until("reconnected with the other client's payment", |s| {
        !s.contains(OFFLINE_EN) && has_word(project_line(s), "99.62%")
    });
    let p02 = line_with(&screen, "│P02 ").unwrap_or("");
    assert!(has_word(p02, "1,295,000.00"), "{screen}");

    // A form saved after the restart is stored.
    tmux.keys(&["p"]);
    tmux.wait_for("┌ Log a disbursement ");
    tmux.keys(&["Tab"]);
    tmux.type_text("1000");
    tmux.keys(&["Tab", "Tab"]);
    tmux.type_text("重连测试公司");
    tmux.keys(&["Tab"]);
    tmux.type_text("V-AFTER-1");
    tmux.wait_for("V-AFTER-1");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Recorded disbursement #177 P02 1,000.00");
    let csv = outlay_through(
        dir.path(),
        &socket,
        &["list", "disbursements", "--format", "csv"],
    );
    assert_eq!(csv.matches("V-CLI-1").count(), 1, "{csv}");
    assert_eq!(csv.matches("V-AFTER-1").count(), 1, "{csv}");
}

#[test]
fn a_form_saved_while_the_server_is_down_keeps_its_text_and_says_so_in_chinese() {
    let (dir, db) = demo_ledger();
    let (server, socket) = serve(dir.path(), &db);
    let tmux = tui_on_socket_with_a_pay_form(dir.path(), &socket, "zh", "┌ 记录支付 ", "V-ZH-DOWN");
    drop(server);
    tmux.wait_for(OFFLINE_ZH);

    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("未保存：与服务器断开，重新连接后请再保存一次");
    assert!(
        screen.contains("┌ 记录支付 "),
        "the form stays open:\n{screen}"
    );
    for typed in ["1000", "重连测试公司", "V-ZH-DOWN"] {
        assert!(screen.contains(typed), "{typed} kept:\n{screen}");
    }
    assert!(!screen.contains("Broken pipe"), "{screen}");

    let (_server, _) = serve(dir.path(), &db);
    tmux.wait_until("reconnected", |s| !s.contains(OFFLINE_ZH));
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("已记录支付 #176 P02");
    assert!(!screen.contains("┌ 记录支付 "), "form closed:\n{screen}");
    let csv = outlay_through(
        dir.path(),
        &socket,
        &["list", "disbursements", "--format", "csv"],
    );
    assert_eq!(csv.matches("V-ZH-DOWN").count(), 1, "stored once:\n{csv}");
}

#[test]
fn a_progress_value_entered_in_the_monitor_view_changes_the_return() {
    let (dir, db) = demo_ledger();
    let tmux = tui(dir.path(), &db, 120, 40);
    tmux.wait_for(DEPARTMENT);
    // five month ends back to July's, then m: the 双监控 return as of that day
    tmux.keys(&["[", "[", "[", "[", "["]);
    tmux.wait_for("as of 2021-07-31");
    tmux.keys(&["m"]);
    let screen = tmux.wait_for("Monitoring return · 2021-07-31, months 1–7");
    assert!(screen.contains("· 2 to explain"), "{screen}");
    assert!(
        tmux.highlighted().iter().any(|h| h.trim() == "7 Review"),
        "a view of the Review tab: {:?}",
        tmux.highlighted()
    );
    // the last project is flagged: its shelters are only possible, and no reason says why
    let last = line_with(&screen, "老街社区").unwrap_or("");
    assert!(last.contains("⚠ missing"), "{screen}");
    tmux.keys(&["End"]);
    tmux.wait_until("the last project selected", |_| {
        tmux.highlighted().iter().any(|h| h.contains("老街社区"))
    });
    // enter moves into its indicators; the third is the shelters
    tmux.keys(&["Enter", "Down", "Down"]);
    let screen = tmux.wait_for("┌ #101 应急避难场所");
    let shelters = line_with(&screen, "⚠ 应急避难场所").unwrap_or("");
    assert!(
        has_word(shelters, "possible") && shelters.contains("⚠ reason required"),
        "{screen}"
    );
    // enter opens its progress form, the latest value filled in
    tmux.keys(&["Enter"]);
    let form = tmux.wait_for("┌ Record progress of #101 应急避难场所");
    assert!(
        line_with(&form, "│ Date ").is_some_and(|l| has_word(l, "2021-07-31")),
        "{form}"
    );
    assert!(
        line_with(&form, "›Reached").is_some_and(|l| l.contains("2 处")),
        "{form}"
    );
    tmux.keys(&["C-u"]);
    tmux.type_text("3 处");
    tmux.keys(&["Tab", "Tab"]);
    // the cause offers its words as it is typed
    tmux.type_text("oth");
    tmux.wait_for("› other  其他");
    tmux.keys(&["Tab"]);
    tmux.type_text("第三处场所待区政府批复选址");
    tmux.keys(&["Tab", "C-u"]);
    tmux.type_text("certain");
    tmux.keys(&["Enter"]);

    // saved through the ledger; the return is read again
    let screen = tmux.wait_until("the new value on screen", |s| {
        s.contains("Recorded progress of indicator #101 on 2021-07-31: 3 处")
            && s.contains("· 1 to explain")
    });
    let shelters = line_with(&screen, "应急避难场所 ").unwrap_or("");
    assert!(
        shelters.contains("3 处")
            && has_word(shelters, "certain")
            && shelters.contains("other: 第三处场所")
            && !shelters.contains('⚠'),
        "{screen}"
    );
    let last = line_with(&screen, "老街社区").unwrap_or("");
    assert!(!last.contains("⚠"), "{screen}");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(), 0, "exit code");

    // the command line's return says the same, once the TUI has let go of the ledger
    let json: Value = serde_json::from_str(&outlay(
        dir.path(),
        &db,
        &["monitor", "--as-of", "2021-07-31", "--format", "json"],
    ))
    .unwrap();
    let project = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["project"].as_str().unwrap().starts_with("老街社区"))
        .expect("the project in the return");
    let shelters = project["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == 101)
        .expect("indicator 101");
    assert_eq!(shelters["value"], "3 处");
    assert_eq!(shelters["projected"], "3 处");
    assert_eq!(shelters["reported_on"], "2021-07-31");
    assert_eq!(shelters["cause"], "other");
    assert_eq!(shelters["reason"], "第三处场所待区政府批复选址");
    assert_eq!(shelters["likelihood"], "certain");
    assert_eq!(shelters["shortfall"], Value::Null);
    assert_eq!(project["unexplained"], serde_json::json!([]));
}
