//! The pay form, the reason editor and quitting, in the real binary in a
//! real terminal (tmux): what a clerk's fingers do, a paste from a
//! spreadsheet, and a terminal that still shows someone else's text.
//!
//! Needs `tmux` on the PATH (CI installs it).

mod common;

use common::tmux::{DEPARTMENT, Tmux, demo_ledger, outlay, quote};
use std::path::Path;

fn tui(dir: &Path, db: &Path) -> Tmux {
    let db = quote(&db.display().to_string());
    Tmux::start(dir, 120, 40, &["--db", &db, "--lang", "en"])
}

/// The pay form with `line`, `amount` and a payee typed, the cursor left in
/// the voucher field.
fn open_payment(tmux: &Tmux, line: &str, amount: &str) {
    tmux.keys(&["p", "C-u"]);
    tmux.type_text(line);
    tmux.keys(&["Tab"]);
    tmux.type_text(amount);
    tmux.keys(&["Tab", "Tab"]);
    tmux.type_text("某公司");
    tmux.keys(&["Tab"]);
}

/// The stored disbursements as CSV.
fn journal(dir: &Path, db: &Path) -> String {
    outlay(dir, db, &["list", "disbursements", "--format", "csv"])
}

#[test]
fn an_ambiguous_line_is_refused_and_an_explicit_choice_is_stored() {
    let (dir, db) = demo_ledger();
    let tmux = tui(dir.path(), &db);
    tmux.wait_for(DEPARTMENT);
    // "救援" matches P05 and P10: Enter books neither
    open_payment(&tmux, "救援", "100");
    tmux.type_text("V-TMUX-1");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("could be 2 lines: P05, P10");
    assert!(screen.contains("┌ Log a disbursement"), "{screen}");
    // choose the second with ctrl-n twice, then save
    tmux.keys(&["C-n", "C-n"]);
    tmux.wait_for("› P10");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Recorded disbursement #176 P10");
    tmux.keys(&["q"]);
    tmux.wait_exit();
    let csv = journal(dir.path(), &db);
    let stored = csv.lines().find(|l| l.contains("V-TMUX-1")).unwrap_or("");
    assert!(stored.contains("P10"), "{stored}\n{csv}");
    assert_eq!(csv.matches("V-TMUX-1").count(), 1, "{csv}");
}

#[test]
fn a_pasted_line_break_goes_into_the_field_and_saves_nothing() {
    let (dir, db) = demo_ledger();
    let tmux = tui(dir.path(), &db);
    tmux.wait_for(DEPARTMENT);
    open_payment(&tmux, "B01", "100");
    // a cell copied from a spreadsheet: two lines, ending in a newline;
    // -p pastes it bracketed, as a terminal does with the paste mode on
    tmux.run(&["set-buffer", "--", "多行\n第二行\n"]);
    tmux.run(&["paste-buffer", "-p", "-t", "outlay"]);
    let screen = tmux.wait_for("多行 第二行");
    assert!(screen.contains("┌ Log a disbursement"), "{screen}");
    assert!(!screen.contains("Recorded disbursement"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_until("the form closed", |s| !s.contains("┌ Log a disbursement"));
    tmux.keys(&["q"]);
    tmux.wait_exit();
    assert!(!journal(dir.path(), &db).contains("多行"));
}

#[test]
fn old_text_on_the_screen_never_shows_through() {
    let (dir, db) = demo_ledger();
    // the alternate screen already full of someone else's text (GNU screen,
    // a Linux console, a reconnect): outlay clears it before its first frame
    let prelude = "printf '\\033[?1049h'; i=0; while [ $i -lt 60 ]; do \
                   printf 'STALE-TEXT-%s STALE STALE STALE STALE STALE STALE STALE\\n' $i; \
                   i=$((i+1)); done; ";
    let db_arg = quote(&db.display().to_string());
    let tmux = Tmux::start_after(
        prelude,
        dir.path(),
        120,
        40,
        &["--db", &db_arg, "--lang", "en"],
    );
    let screen = tmux.wait_for(DEPARTMENT);
    assert!(!screen.contains("STALE"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_exit();
}

#[test]
fn a_reason_written_over_three_lines_is_stored_as_three_lines() {
    let (dir, db) = demo_ledger();
    let before = stored_reason(dir.path(), &db);
    let tmux = tui(dir.path(), &db);
    tmux.wait_for(DEPARTMENT);
    tmux.keys(&["3", "Down", "R"]);
    let screen = tmux.wait_for("┌ 购买安全生产和应急管理服务 · Reason behind");
    assert!(
        screen.contains("2022年完成支付"),
        "opens with the text: {screen}"
    );
    // the editor opened with the stored reason, the cursor at its end; start it over
    for _ in 0..before.chars().count() {
        tmux.keys(&["BSpace"]);
    }
    tmux.type_text("合同分三期支付");
    tmux.keys(&["Enter"]);
    tmux.type_text("第三期待验收");
    tmux.keys(&["Enter"]);
    tmux.type_text("2022年一季度付清");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Saved Reason behind: 购买安全生产和应急管理服务");
    tmux.keys(&["q"]);
    tmux.wait_exit();
    assert_eq!(
        stored_reason(dir.path(), &db),
        "合同分三期支付\n第三期待验收\n2022年一季度付清"
    );
}

#[test]
fn an_indicators_reason_written_in_the_editor_is_stored_on_two_lines() {
    let (dir, db) = demo_ledger();
    let tmux = tui(dir.path(), &db);
    tmux.wait_for(DEPARTMENT);
    // indicator #1, its reason field, the editor (F2, as a spreadsheet cell)
    tmux.keys(&["5", "e", "Tab"]);
    tmux.wait_for("f2/ctrl-o edits on several lines");
    tmux.keys(&["F2"]);
    tmux.wait_for("Set indicator #1 · Reason for deviation");
    tmux.type_text("受疫情影响");
    tmux.keys(&["Enter"]);
    tmux.type_text("培训推迟到四季度");
    tmux.keys(&["C-s"]);
    tmux.wait_for("2 lines · f2/ctrl-o");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Updated indicator #1");
    tmux.keys(&["q"]);
    tmux.wait_exit();
    let json = outlay(dir.path(), &db, &["list", "indicators", "--format", "json"]);
    let indicators: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = indicators
        .as_array()
        .and_then(|all| all.iter().find(|i| i["id"] == 1))
        .unwrap_or_else(|| panic!("no indicator #1 in {json}"));
    assert_eq!(first["deviation_reason"], "受疫情影响\n培训推迟到四季度");
}

fn stored_reason(dir: &Path, db: &Path) -> String {
    let json = outlay(dir, db, &["project", "settings", "--format", "json"]);
    let settings: serde_json::Value = serde_json::from_str(&json).unwrap();
    let project = "购买安全生产和应急管理服务";
    let found = settings
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["project"] == project))
        .and_then(|r| r["reason"].as_str().map(str::to_string));
    found.unwrap_or_else(|| panic!("no reason of {project} in {json}"))
}

#[test]
fn ctrl_c_over_a_filled_form_asks_and_a_second_quits() {
    let (dir, db) = demo_ledger();
    let tmux = tui(dir.path(), &db);
    tmux.wait_for(DEPARTMENT);
    tmux.keys(&["p", "Tab"]);
    tmux.type_text("250");
    tmux.keys(&["C-c"]);
    let screen = tmux.wait_for("There is unsaved text: Ctrl-C again quits");
    assert!(screen.contains("┌ Log a disbursement"), "{screen}");
    tmux.keys(&["C-c"]);
    assert_eq!(tmux.wait_exit(), 0);
    tmux.assert_terminal_restored();
}
