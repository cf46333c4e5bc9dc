//! The TUI's state transitions a clerk or the head of finance goes through,
//! each driven key by key on the demo year: an overspending payment warned
//! before it is saved, ctrl-c over unsaved text, the reversal form, a paste,
//! Esc read together with the next key, month close, keys that do nothing.

mod common;

use chrono::Datelike;
use common::screen::Screen;
use outlay::Ledger;
use outlay::domain::{FiscalYear, Unit};
use outlay::i18n::Lang;
use outlay::tui::App;
use outlay::tui::keymap::Keymap;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn ctrl(s: &mut Screen, c: char) -> bool {
    s.app
        .handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// The pay form on `line`, with amount, payee and voucher typed.
fn fill_payment(s: &mut Screen, line: &str, amount: &str, voucher: &str) {
    s.key(KeyCode::Char('p'));
    ctrl(s, 'u');
    s.keys(line).key(KeyCode::Tab).keys(amount);
    s.key(KeyCode::Tab).key(KeyCode::Tab).keys("某公司");
    s.key(KeyCode::Tab).keys(voucher);
}

/// The whole year's remaining budget of a line, as the report computes it.
fn remaining(s: &Screen, code: &str) -> outlay::domain::Money {
    let report = s
        .app
        .ledger()
        .report(Some("2021-12-31".parse().unwrap()))
        .unwrap();
    report
        .lines
        .iter()
        .find(|l| l.code == code)
        .unwrap()
        .remaining
}

#[test]
fn an_overspending_payment_is_warned_before_saving_and_saved_on_the_second_enter() {
    let mut s = Screen::demo(120, 40, Lang::En);
    let left = remaining(&s, "P06");
    let over = left + "1000".parse::<outlay::domain::Money>().unwrap();
    fill_payment(&mut s, "P06", &over.plain(), "V-OVER-1");
    // the form shows the line's money before anything is saved
    let text = s.text();
    assert!(
        text.contains(&format!("left {}", left.display(Unit::Yuan))),
        "{text}"
    );
    s.key(KeyCode::Enter);
    let text = s.text();
    assert!(text.contains("This overspends P06"), "{text}");
    assert!(text.contains("1,000.00 over"), "{text}");
    assert_eq!(remaining(&s, "P06"), left, "nothing saved yet");
    // the same payment again goes ahead; the ledger's warning then stays
    s.key(KeyCode::Enter);
    let after = remaining(&s, "P06");
    assert!(after.is_negative(), "saved: {after:?}");
    let text = s.text();
    assert!(text.contains("Recorded disbursement"), "{text}");
    assert!(text.contains("overspent"), "{text}");
    s.key(KeyCode::Down).key(KeyCode::Char('2'));
    assert!(
        s.text().contains("Recorded disbursement"),
        "a warning stays until dismissed"
    );
    s.key(KeyCode::Esc);
    assert!(
        !s.text().contains("Recorded disbursement"),
        "Esc dismisses it"
    );
}

#[test]
fn changing_the_amount_after_the_warning_warns_again() {
    let mut s = Screen::demo(120, 40, Lang::Zh);
    let left = remaining(&s, "P06");
    let over = left + "1".parse::<outlay::domain::Money>().unwrap();
    fill_payment(&mut s, "P06", &over.plain(), "V-OVER-2");
    s.key(KeyCode::Enter);
    assert!(s.text().contains("将超支：P06"), "{}", s.text());
    // the warning left the cursor on the amount; a different amount is a
    // different payment: warned again, not saved
    assert!(s.text().contains("›金额"), "{}", s.text());
    s.key(KeyCode::Home).keys("9").key(KeyCode::Enter);
    assert!(s.text().contains("将超支：P06"), "{}", s.text());
    assert_eq!(remaining(&s, "P06"), left);
}

#[test]
fn ctrl_c_over_a_filled_form_asks_before_quitting() {
    let mut s = Screen::demo(120, 40, Lang::En);
    // an untouched form is nothing to lose: ctrl-c quits at once
    s.key(KeyCode::Char('p'));
    ctrl(&mut s, 'c');
    assert!(s.app.quit);

    let mut s = Screen::demo(120, 40, Lang::En);
    fill_payment(&mut s, "B01", "100", "V-CC");
    ctrl(&mut s, 'c');
    assert!(!s.app.quit, "asked, not quit");
    assert!(
        s.text()
            .contains("There is unsaved text: Ctrl-C again quits")
    );
    // any other key goes on editing, the text kept
    s.keys("9");
    assert!(!s.app.quit);
    assert!(s.text().contains("V-CC9"), "{}", s.text());
    ctrl(&mut s, 'c');
    assert!(!s.app.quit, "asks again after editing went on");
    ctrl(&mut s, 'c');
    assert!(s.app.quit, "the second ctrl-c in a row quits");
}

#[test]
fn the_reverse_form_shows_the_entry_and_a_reversed_one_says_so() {
    let mut s = Screen::demo(120, 40, Lang::En);
    let entry = s.app.ledger().disbursement(1).unwrap().unwrap();
    s.key(KeyCode::Char('r')).keys("1");
    let text = s.text();
    let shown = format!(
        "#1 {} {} {} · {}",
        entry.date,
        entry.line,
        entry.amount.display(Unit::Yuan),
        entry.payee
    );
    assert!(text.contains(&shown), "{shown} in\n{text}");
    assert!(
        text.contains("voucher") && text.contains(&entry.voucher),
        "{text}"
    );
    s.key(KeyCode::Tab).keys("重复支付").key(KeyCode::Enter);
    assert!(s.text().contains("Reversed #1"), "{}", s.text());
    // reversing it again: the form says it is reversed before anything is sent
    s.key(KeyCode::Char('r')).keys("1");
    assert!(s.text().contains("already reversed"), "{}", s.text());
    s.key(KeyCode::Esc);
    // the journal marks both: the cancelled entry and the reversal
    s.key(KeyCode::Char('6'));
    s.key(KeyCode::Char('/'))
        .keys(&entry.voucher)
        .key(KeyCode::Enter);
    let text = s.text();
    let row = |id: &str| {
        text.lines()
            .find(|l| l.trim_start_matches('│').trim_start().starts_with(id))
            .unwrap_or("")
            .to_string()
    };
    assert!(
        row(&format!("1 {}", entry.date)).contains("✗ reversed by #176"),
        "{text}"
    );
    assert!(row("176 ").contains("↺ reverses #1 · 重复支付"), "{text}");
    assert!(
        text.contains(&format!("{}-R", entry.voucher)),
        "a voucher is never cut: {text}"
    );
    // paying again on the cancelled entry's voucher says why it is taken
    s.key(KeyCode::Esc);
    fill_payment(&mut s, &entry.line, "1", &entry.voucher);
    s.key(KeyCode::Enter);
    assert!(
        s.text()
            .contains("reversed by #176, its voucher stays with it"),
        "{}",
        s.text()
    );
}

#[test]
fn the_reversal_voucher_can_be_given_when_the_default_is_taken() {
    let mut s = Screen::demo(120, 40, Lang::En);
    let entry = s.app.ledger().disbursement(2).unwrap().unwrap();
    // a payment already holds the voucher the reversal would take by default
    fill_payment(&mut s, &entry.line, "1", &format!("{}-R", entry.voucher));
    s.key(KeyCode::Enter);
    s.key(KeyCode::Esc); // past any warning left by it
    s.key(KeyCode::Char('r'));
    ctrl(&mut s, 'u');
    s.keys("2").key(KeyCode::Tab).keys("错付");
    s.key(KeyCode::Tab).key(KeyCode::Tab).keys("V-R-2");
    s.key(KeyCode::Enter);
    assert!(s.text().contains("Reversed #2"), "{}", s.text());
    let journal = s.app.ledger().disbursements(Default::default()).unwrap();
    assert!(
        journal
            .iter()
            .any(|d| d.reverses == Some(2) && d.voucher == "V-R-2")
    );
}

#[test]
fn a_paste_with_a_line_break_is_text_in_the_field_and_saves_nothing() {
    let mut s = Screen::demo(120, 40, Lang::En);
    let before = s
        .app
        .ledger()
        .disbursements(Default::default())
        .unwrap()
        .len();
    fill_payment(&mut s, "B01", "100", "");
    s.app.handle_paste("多行\n第二行\n");
    let text = s.text();
    assert!(text.contains("多行 第二行"), "{text}");
    assert!(
        text.contains("┌ Log a disbursement"),
        "the form is still open"
    );
    let after = s
        .app
        .ledger()
        .disbursements(Default::default())
        .unwrap()
        .len();
    assert_eq!(after, before);
    // outside a form a paste says where it goes
    s.key(KeyCode::Esc);
    s.app.handle_paste("x");
    assert!(s.text().contains("A paste goes into a form or editor"));
}

#[test]
fn esc_read_together_with_the_next_key_is_both_keys_in_a_form() {
    let mut s = Screen::demo(120, 40, Lang::En);
    fill_payment(&mut s, "B01", "100", "V-ESC");
    // Esc, then 2, arriving in one read as Alt+2: the form closes, the tab changes
    s.app
        .handle_key(KeyEvent::new(KeyCode::Char('2'), KeyModifiers::ALT));
    let text = s.text();
    assert!(!text.contains("┌ Log a disbursement"), "{text}");
    assert!(!text.contains("V-ESC"), "nothing typed into the form");
    assert_eq!(s.app.tab, outlay::tui::Tab::Basic);
}

#[test]
fn keys_that_do_nothing_here_say_where_they_work() {
    let mut s = Screen::demo(120, 40, Lang::En);
    s.key(KeyCode::Char('x'));
    assert!(
        s.text().contains("x (Export the summary")
            && s.text().contains("works on the Summary tab: press 8"),
        "{}",
        s.text()
    );
    s.key(KeyCode::Char('K'));
    assert!(
        s.text().contains("works on the Review tab: press 7"),
        "{}",
        s.text()
    );
    let mut s = Screen::demo(120, 40, Lang::Zh);
    s.key(KeyCode::Char('X'));
    assert!(
        s.text().contains("在“年度汇总”页使用，按 8 前往"),
        "{}",
        s.text()
    );
}

#[test]
fn a_month_that_has_not_ended_cannot_be_closed() {
    // next year's ledger: its first month is still to come, whatever today is
    let dir = tempfile::tempdir().unwrap();
    let year = FiscalYear::new(chrono::Local::now().year() + 1).unwrap();
    let ledger = Ledger::create(&dir.path().join("next.redb"), year, "某局", "tester").unwrap();
    let app = App::new(ledger, Lang::En, Unit::Yuan, Keymap::builtin_default()).unwrap();
    let mut s = Screen::from_app(dir, app, 120, 40);
    s.key(KeyCode::Char('7')).key(KeyCode::Char('K'));
    let text = s.text();
    assert!(text.contains(&format!("{year}-01 has not ended")), "{text}");
    s.key(KeyCode::Char('K'));
    assert!(s.app.ledger().closed_months().unwrap().is_empty());
    // the ledger refuses it too, whoever asks
    let err = s.app.ledger().close_month(1).unwrap_err();
    assert!(err.to_string().contains("has not ended"), "{err}");
}

#[test]
fn the_projects_tab_marks_and_counts_the_projects_that_need_a_reason() {
    let mut s = Screen::demo(120, 40, Lang::En);
    let project = "购买安全生产和应急管理服务";
    s.app
        .ledger()
        .set_project_reason(project.into(), None)
        .unwrap();
    s.app.reload().unwrap();
    s.key(KeyCode::Char('3'));
    let text = s.text();
    assert!(text.contains(&format!("⚠ {project}")), "{text}");
    // the same rule as the summary's: one count on every screen
    let summary = s.app.ledger().summary(None).unwrap();
    let missing = summary
        .unfinished
        .iter()
        .filter(|u| u.reason_missing)
        .count();
    assert!(missing > 0);
    assert!(
        text.contains(&format!("⚠ {missing} need a reason (R writes one)")),
        "{missing} in\n{text}"
    );
    // writing it takes the mark away
    s.app
        .ledger()
        .set_project_reason(project.into(), Some("合同款次年支付".into()))
        .unwrap();
    s.app.reload().unwrap();
    assert!(!s.text().contains(&format!("⚠ {project}")));
}

#[test]
fn mid_year_only_projects_behind_their_pace_want_a_reason() {
    use outlay::domain::monitoring::Light;
    let s = Screen::demo(120, 40, Lang::En);
    let june = "2021-06-30".parse().unwrap();
    let report = s.app.ledger().report(Some(june)).unwrap();
    let summary = s.app.ledger().summary(Some(june)).unwrap();
    let mut below_but_on_pace = 0;
    for u in &summary.unfinished {
        let row = report
            .projects
            .iter()
            .find(|p| p.project == u.project)
            .unwrap();
        let behind = matches!(row.figures.light, Some(Light::Red | Light::Yellow));
        if u.reason_missing {
            assert!(behind, "{} flagged while on pace", u.project);
        }
        if !behind && u.reason.is_none() && row.figures.rate.is_some_and(|r| r < 90.into()) {
            below_but_on_pace += 1;
        }
    }
    assert!(
        below_but_on_pace > 0,
        "the demo has a project under 90 % in June but on pace, not flagged"
    );
}

#[test]
fn stepping_the_date_stays_on_month_ends_inside_the_year() {
    let mut s = Screen::demo(120, 40, Lang::En);
    for _ in 0..11 {
        s.key(KeyCode::Char('['));
    }
    assert_eq!(s.app.as_of.to_string(), "2021-01-31");
    s.key(KeyCode::Char('['));
    assert_eq!(s.app.as_of.to_string(), "2021-01-31", "not 2021-01-01");
    assert!(s.text().contains("edge of the fiscal year"), "{}", s.text());
    s.key(KeyCode::Char(']'));
    assert_eq!(s.app.as_of.to_string(), "2021-02-28");
}

#[test]
fn the_indicators_tab_judges_as_the_summary_does() {
    use outlay::domain::score::Achievement;
    let mut s = Screen::demo(160, 60, Lang::En);
    s.key(KeyCode::Char('5'));
    let text = s.text();
    let summary = s.app.ledger().summary(None).unwrap();
    let quality = summary
        .projects
        .iter()
        .find(|p| p.project == "购买安全生产和应急管理服务")
        .and_then(|p| p.indicators.iter().find(|i| i.name == "合同完成质量"))
        .unwrap();
    // the case: the summary says partly, with 8.75 of 12.50 points
    assert_eq!(quality.achievement, Achievement::Partly);
    let row = text
        .lines()
        .find(|l| l.contains("合同完成质量"))
        .unwrap_or("");
    let points = quality.points.unwrap().to_string();
    assert!(row.contains("◐ partly") && row.contains(&points), "{row}");
    assert!(
        row.contains("⚠ missing"),
        "no actual value is marked: {row}"
    );
}

#[test]
fn every_review_table_keeps_three_rows_at_the_minimum_size() {
    let mut s = Screen::demo(60, 16, Lang::Zh);
    s.key(KeyCode::Char('7'));
    let text = s.text();
    let rows_under = |title: &str| {
        text.lines()
            .skip_while(|l| !l.contains(title))
            .skip(2) // the title and the column heads
            .take_while(|l| l.starts_with('│'))
            .count()
    };
    assert!(rows_under("各指标进度") >= 3, "{text}");
    assert!(rows_under("逾期 3 笔 · 下月到期") >= 3, "{text}");
}

#[test]
fn narrow_monthly_bars_label_october_to_december_whole() {
    let mut s = Screen::demo(60, 30, Lang::Zh);
    let text = s.text();
    let axis = text
        .lines()
        .find(|l| l.contains("1         6           12"))
        .unwrap_or_else(|| panic!("no month axis in\n{text}"));
    assert!(!axis.contains("1 1 1"), "{axis}");
}

#[test]
fn money_shows_on_the_overview_basic_and_projects() {
    let mut s = Screen::demo(120, 40, Lang::Zh);
    s.key(KeyCode::Char('u')); // 万元
    let text = s.text();
    // the demo's basic expenditure: 407.62万 budgeted and spent, nothing left
    let basic = text
        .lines()
        .find(|l| l.contains("│基本支出 "))
        .unwrap_or_else(|| panic!("no basic gauge in\n{text}"));
    assert_eq!(basic.matches("407.62").count(), 2, "{basic}");
    assert!(
        basic.trim_end_matches('│').trim_end().ends_with("0.00"),
        "{basic}"
    );
    assert!(text.contains("预算数") && text.contains("余额"), "{text}");
    // Basic: a 余额 column and a 合计 row of its five lines
    s.key(KeyCode::Char('2'));
    let text = s.text();
    assert!(text.contains("余额"), "{text}");
    let total = text.lines().find(|l| l.contains("合计 (5)")).unwrap_or("");
    assert_eq!(total.matches("407.62").count(), 2, "{text}");
    // Projects: what each has left, and the total of all sixteen
    s.key(KeyCode::Char('3'));
    let text = s.text();
    let p02 = text
        .lines()
        .find(|l| l.contains("购买安全生产和应急管理服务"))
        .unwrap_or("");
    assert!(p02.matches("130.00").count() >= 2, "budget and left: {p02}");
    let total = text.lines().find(|l| l.contains("合计 (16)")).unwrap_or("");
    assert!(
        total.contains("1,046.85") && total.contains("424.24") && total.contains("622.61"),
        "{total}"
    );
}

/// The stored deviation reason of indicator `id`.
fn deviation_reason(s: &Screen, id: u64) -> Option<String> {
    let indicators = s.app.ledger().indicators(None).unwrap();
    let indicator = indicators.iter().find(|i| i.id == id).unwrap();
    indicator.deviation_reason.clone()
}

#[test]
fn a_forms_reason_is_written_on_several_lines_in_the_editor() {
    let mut s = Screen::demo(100, 30, Lang::En);
    let before = deviation_reason(&s, 1);
    s.key(KeyCode::Char('5')).key(KeyCode::Char('e'));
    // the actual field holds one line: the editor key says so and opens nothing
    s.key(KeyCode::F(2));
    let text = s.text();
    assert!(text.contains("holds one line"), "{text}");
    assert!(!text.contains("back to the form"), "{text}");
    // on the reason field it opens the editor
    s.key(KeyCode::Tab);
    assert!(s.text().contains("f2/ctrl-o edits on several lines"));
    s.key(KeyCode::F(2));
    s.keys("Training delayed")
        .key(KeyCode::Enter)
        .keys("to the fourth quarter");
    let text = s.text();
    assert!(
        text.contains("Set indicator #1 · Reason for deviation"),
        "{text}"
    );
    // closing over changed text asks first, and the form keeps what it had
    s.key(KeyCode::Esc);
    assert!(s.text().contains("Unsaved changes"));
    s.key(KeyCode::Esc);
    assert!(!s.text().contains("to the fourth quarter"));
    assert_eq!(deviation_reason(&s, 1), before, "nothing stored yet");
    // written again and saved, the text goes back into the form on two lines
    s.key(KeyCode::F(2));
    s.keys("Training delayed")
        .key(KeyCode::Enter)
        .keys("to the fourth quarter");
    ctrl(&mut s, 's');
    let text = s.text();
    assert!(text.contains("Training delayed↵to the"), "{text}");
    assert!(text.contains("2 lines · f2/ctrl-o"), "{text}");
    assert_eq!(deviation_reason(&s, 1), before, "the form is not saved yet");
    // Enter in the form records it
    s.key(KeyCode::Enter);
    assert_eq!(
        deviation_reason(&s, 1).as_deref(),
        Some("Training delayed\nto the fourth quarter")
    );
}

#[test]
fn a_paste_into_a_reason_field_keeps_its_lines() {
    let mut s = Screen::demo(100, 30, Lang::En);
    s.key(KeyCode::Char('5'))
        .key(KeyCode::Char('e'))
        .key(KeyCode::Tab);
    ctrl(&mut s, 'u');
    s.app.handle_paste("第一行\r\n第二行\n");
    assert!(s.text().contains("第一行↵第二行"));
    s.key(KeyCode::Enter);
    assert_eq!(deviation_reason(&s, 1).as_deref(), Some("第一行\n第二行"));
}

#[test]
fn the_departments_report_is_written_from_the_summary_tab() {
    use outlay::domain::settings::NoteSection;
    let mut s = Screen::demo(100, 30, Lang::En);
    let before = s.app.ledger().notes().unwrap();
    s.key(KeyCode::Char('8'));
    assert!(s.text().contains("f write the report's conclusion"));
    s.key(KeyCode::Char('f'));
    let text = s.text();
    assert!(
        text.contains("Write the department's self-evaluation report"),
        "{text}"
    );
    for section in ["conclusion", "problems found", "improvement measures"] {
        assert!(text.contains(section), "{section}: {text}");
    }
    // the second section, its whole text in the editor
    s.key(KeyCode::Down).key(KeyCode::Enter);
    let problems = &before[&NoteSection::Problems];
    let text = s.text();
    let first_line = problems.lines().next().unwrap();
    assert!(
        text.contains(&first_line.chars().take(20).collect::<String>()),
        "{text}"
    );
    s.key(KeyCode::Enter).keys("3、新增一条。");
    ctrl(&mut s, 's');
    assert!(
        s.text()
            .contains("Saved the department's report: problems found")
    );
    let after = s.app.ledger().notes().unwrap();
    assert_eq!(
        after[&NoteSection::Problems],
        format!("{problems}\n3、新增一条。")
    );
    assert_eq!(
        after[&NoteSection::Conclusion],
        before[&NoteSection::Conclusion]
    );
}

#[test]
fn the_journal_reads_its_next_page_at_the_end_and_a_refresh_keeps_the_pages_read() {
    use outlay::domain::input::NewDisbursement;
    use outlay::import::Row;
    let mut s = Screen::demo(100, 30, Lang::En);
    let ledger = s.app.ledger();
    let before = ledger
        .disbursements(outlay::ledger::DisbursementQuery::default())
        .unwrap()
        .len();
    // 1,500 more, one a day through the year on B01, each of 1 fen
    let rows = (0..1500)
        .map(|n| Row {
            number: n + 2,
            value: NewDisbursement {
                line: "B01".into(),
                date: FiscalYear::new(2021)
                    .unwrap()
                    .first_day()
                    .checked_add_days(chrono::Days::new(n as u64 % 365))
                    .unwrap(),
                amount: outlay::domain::Money::from_fen(1),
                payee: "某公司".into(),
                voucher: format!("PAGE-{n}"),
                memo: String::new(),
                contract: None,
                refs: Default::default(),
                tags: Default::default(),
            },
        })
        .collect();
    ledger
        .import_disbursements(rows, "pages.csv".into())
        .unwrap();
    let all = before + 1500;
    s.app.reload().unwrap();
    s.key(KeyCode::Char('6'));
    assert!(s.text().contains("Journal · newest 1,000+ entries"));
    // the last row read: the next page follows, and with it the rest
    s.key(KeyCode::End);
    let shown = format!(
        "Journal · {} entries",
        outlay::domain::money::group_thousands(&all.to_string())
    );
    assert!(s.text().contains(&shown), "{}", s.text());
    // a change re-reads as many as were read, not one page
    s.app.reload().unwrap();
    assert!(s.text().contains(&shown), "{}", s.text());
}

#[test]
fn an_opened_project_shows_three_rows_of_every_table_at_the_minimum_size() {
    let mut s = Screen::demo(60, 16, Lang::Zh);
    s.key(KeyCode::Char('3'))
        .key(KeyCode::Down)
        .key(KeyCode::Enter);
    let text = s.text();
    // its line, both instalments and three indicators, tables side by side
    assert!(text.contains("P02 购买安全生产"), "{text}");
    assert_eq!(text.matches("RHCG-2021-017").count(), 2, "{text}");
    for indicator in ["合同约定服务内容", "合同完成质量", "项目完成时间"] {
        assert!(text.contains(indicator), "{indicator}: {text}");
    }
    assert!(text.contains("支付明细"), "{text}");
    // with room, the checkpoint sentence shows whole, its amount included
    let mut s = Screen::demo(80, 30, Lang::Zh);
    s.key(KeyCode::Char('3'))
        .key(KeyCode::Down)
        .key(KeyCode::Enter);
    let text = s.text();
    assert!(text.contains("须再支付 1,300,000.00 元"), "{text}");
}

#[test]
fn sorting_the_journal_sorts_the_whole_year_not_the_page_read() {
    use outlay::domain::input::NewDisbursement;
    use outlay::import::Row;
    let mut s = Screen::demo(120, 30, Lang::En);
    let ledger = s.app.ledger();
    let entry = |n: usize, payee: &str, date: &str| Row {
        number: n + 2,
        value: NewDisbursement {
            line: "B01".into(),
            date: date.parse().unwrap(),
            amount: outlay::domain::Money::from_fen(1 + n as i64),
            payee: payee.into(),
            voucher: format!("SORT-{n}"),
            memo: String::new(),
            contract: None,
            refs: Default::default(),
            tags: Default::default(),
        },
    };
    // 1,500 recent entries, and one early in the year whose payee sorts first
    let mut rows: Vec<_> = (0..1500)
        .map(|n| entry(n, "某公司", "2021-12-20"))
        .collect();
    rows.push(entry(1500, "AAA Early Payee", "2021-01-04"));
    ledger
        .import_disbursements(rows, "sort.csv".into())
        .unwrap();
    let last_voucher = ledger
        .disbursements(outlay::ledger::DisbursementQuery {
            order: outlay::ledger::JournalOrder::Voucher,
            newest_first: true,
            limit: Some(1),
            ..Default::default()
        })
        .unwrap()
        .remove(0);
    s.app.reload().unwrap();
    s.key(KeyCode::Char('6'));
    assert!(
        !s.text().contains("AAA Early Payee"),
        "not on the first page"
    );
    // #, date, line, payee (amount has no index): the fourth sort key sorts by payee
    for _ in 0..4 {
        s.key(KeyCode::Char('s'));
    }
    let text = s.text();
    assert!(text.contains("Payee ▲"), "{text}");
    let first_row = first_journal_row(&text, "Payee ▲");
    assert!(first_row.contains("AAA Early Payee"), "{text}");
    // voucher; reversed, the last voucher of the year comes first
    s.key(KeyCode::Char('s')).key(KeyCode::Char('S'));
    let text = s.text();
    assert!(text.contains("Voucher ▼"), "{text}");
    let first_row = first_journal_row(&text, "Voucher ▼");
    assert!(
        first_row.contains(&last_voucher.voucher),
        "{first_row}\n{text}"
    );
}

/// The journal's first row: the one under its header.
fn first_journal_row(text: &str, header: &str) -> String {
    let mut lines = text.lines().skip_while(|l| !l.contains(header));
    lines.nth(1).unwrap_or_default().to_string()
}
