//! Every tab drawn with ratatui's TestBackend on the demo year, at 80×24 and
//! 120×40, compared with reviewed snapshots, plus the figures it must show.
//! Keys go through `App::handle_key`, as a person's would.

mod common;

use common::screen::Screen;
use outlay::Ledger;
use outlay::domain::Unit;
use outlay::i18n::Lang;
use outlay::tui::App;
use outlay::tui::keymap::Keymap;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn snapshot_all_tabs(width: u16, height: u16) {
    let mut screen = Screen::demo(width, height, Lang::Zh);
    for (n, tab) in [
        "overview",
        "basic",
        "projects",
        "supplementary",
        "indicators",
        "payments",
        "review",
        "summary",
    ]
    .iter()
    .enumerate()
    {
        screen.keys(&(n + 1).to_string());
        let text = screen.text();
        insta::assert_snapshot!(format!("{tab}_{width}x{height}"), text);
    }
}

#[test]
fn tabs_at_80x24() {
    snapshot_all_tabs(80, 24);
}

#[test]
fn tabs_at_120x40() {
    snapshot_all_tabs(120, 40);
}

/// The stated minimum size.
#[test]
fn tabs_at_60x16() {
    snapshot_all_tabs(60, 16);
}

#[test]
fn overview_shows_the_demo_years_figures() {
    let mut s = Screen::demo(120, 40, Lang::En);
    let text = s.text();
    for expected in [
        "time progress 100.00%",
        "57.19% lagging",
        "100.00% on pace",
        "40.53% lagging",
        "Overdue: 3 · 1,495,000.00",
        "1,495,000.00",
    ] {
        assert!(text.contains(expected), "missing '{expected}' in\n{text}");
    }
    s.key(KeyCode::Char('u'));
    let text = s.text();
    assert!(
        text.contains("149.50") && text.contains("10k yuan"),
        "{text}"
    );
}

#[test]
fn moving_the_as_of_date_shows_the_year_as_it_stood() {
    let mut s = Screen::demo(120, 40, Lang::En);
    s.keys("[[[[[["); // six month ends back: 2021-06-30
    let text = s.text();
    assert!(
        text.contains("as of 2021-06-30") && text.contains("time progress 49.59%"),
        "{text}"
    );
    // the service contract's first instalment (due 07-31) is not yet overdue
    assert!(!text.contains("Overdue: 3"), "{text}");
    s.key(KeyCode::Char('t'));
    assert!(s.text().contains("as of 2021-12-31"));
}

#[test]
fn a_disbursement_logged_through_the_form_shows_at_once() {
    let mut s = Screen::demo(120, 40, Lang::En);
    s.key(KeyCode::Char('3'))
        .key(KeyCode::Down)
        .key(KeyCode::Enter);
    assert!(s.text().contains("0.00% lagging"));
    s.key(KeyCode::Char('p'));
    assert!(s.text().contains("┌ Log a disbursement"));
    s.key(KeyCode::Tab)
        .keys("50万")
        .key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .keys("安源公司")
        .key(KeyCode::Tab)
        .keys("V-T1");
    s.key(KeyCode::Enter);
    let text = s.text();
    assert!(
        text.contains("Recorded disbursement #176 P02 500,000.00"),
        "{text}"
    );
    assert!(text.contains("38.46%"), "{text}"); // 50 of 130 万
    // the overview's project gauge moved too: 424.24 + 50 = 474.24 of 1046.85 万 = 45.30%
    s.key(KeyCode::Char('1'));
    assert!(s.text().contains("45.30%"));
}

#[test]
fn a_refused_form_keeps_what_was_typed_and_names_the_field() {
    let mut s = Screen::demo(120, 40, Lang::En);
    s.key(KeyCode::Char('2')).key(KeyCode::Char('p'));
    s.key(KeyCode::Tab)
        .keys("12a")
        .key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .keys("x")
        .key(KeyCode::Tab)
        .keys("V9");
    s.key(KeyCode::Enter);
    let text = s.text();
    assert!(text.contains("amount: '12a' is not an amount"), "{text}");
    assert!(text.contains("12a") && text.contains("V9"), "{text}");
    // a missing payee is caught before the ledger is asked
    s.key(KeyCode::Esc)
        .key(KeyCode::Char('p'))
        .key(KeyCode::Tab)
        .keys("100")
        .key(KeyCode::Enter);
    assert!(s.text().contains("Payee: must not be empty"));
    s.key(KeyCode::Esc);
    assert!(!s.text().contains("┌ Log a disbursement"));
}

#[test]
fn help_is_generated_from_the_keymap() {
    let mut s = Screen::demo(120, 40, Lang::En);
    s.key(KeyCode::Char('?'));
    let text = s.text();
    assert!(
        text.contains("Keys (↑↓ scroll, any other key closes)")
            && text.contains("Quit")
            && text.contains("q / ctrl-c"),
        "{text}"
    );
    // at 80×24 the help scrolls down to the form and input keys
    let mut small = Screen::demo(80, 24, Lang::En);
    small.key(KeyCode::Char('?'));
    assert!(!small.text().contains("Clear the field"));
    for _ in 0..60 {
        small.key(KeyCode::Down);
    }
    let bottom = small.text();
    assert!(
        bottom.contains("Keys (↑↓ scroll") && bottom.contains("Clear the field"),
        "scrolled to the end:\n{bottom}"
    );
    s.key(KeyCode::Char('x'));
    assert!(!s.text().contains("Keys (↑↓ scroll, any other key closes)"));
}

#[test]
fn the_journal_filters_by_line_and_month() {
    let mut s = Screen::demo(120, 40, Lang::En);
    s.key(KeyCode::Char('6'))
        .key(KeyCode::Char('/'))
        .keys("line:P03 2021-05")
        .key(KeyCode::Enter);
    let text = s.text();
    assert!(
        text.contains("Journal · 1 entry ·") && text.contains("记-2021-05-0001"),
        "{text}"
    );
    s.key(KeyCode::Char('/'));
    s.app
        .handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    s.keys("month:13").key(KeyCode::Enter);
    assert!(s.text().contains("'13' is not a month"));
}

/// The row of a table that starts with a line's code.
fn row_of<'a>(text: &'a str, code: &str) -> &'a str {
    text.lines()
        .find(|l| {
            l.trim_start_matches(['│', ' '])
                .starts_with(&format!("{code} "))
        })
        .unwrap_or_else(|| panic!("no row {code} in\n{text}"))
}

#[test]
fn the_review_tab_shows_the_month_end_review_of_the_as_of_month() {
    let mut s = Screen::demo(80, 24, Lang::Zh);
    s.key(KeyCode::Char('7'));
    let text = s.text();
    // the demo is read at the year's end: December, with the whole year's rate
    for expected in [
        "7 月末分析",
        "2021-12 月末分析",
        "按月序时进度 100.00%",
        "执行率 57.19%",
        "滞后 3 项",
        "逾期 3 笔",
        "累计执行率 · 全年",
        "⚠ 逾期 153天 P02",
    ] {
        assert!(text.contains(expected), "missing '{expected}' in\n{text}");
    }
    // lagging lines first: the coal-mine survey, unpaid against its whole contract
    let first = text
        .lines()
        .find(|l| l.contains("执行率") && l.contains("应达"))
        .and_then(|header| text.lines().skip_while(|l| *l != header).nth(1))
        .unwrap();
    assert!(
        first.contains("P11") && first.contains("-100.00") && first.contains("滞后"),
        "{first}"
    );

    // [ steps the month back six times to June: time progress is 6 ÷ 12
    let mut s = Screen::demo(120, 40, Lang::En);
    s.key(KeyCode::Char('7')).keys("[[[[[[");
    let text = s.text();
    insta::assert_snapshot!("review_june_en_120x40", text);
    for expected in [
        "2021-06 month-end review",
        "time progress by month 50.00%",
        // the whole year's rate as the report as of 2021-06-30 gives it
        "executed 31.34%",
        "lagging 1",
        "paid this month 693,699.47",
        "last month 786,258.97",
        "due next month 2",
    ] {
        assert!(text.contains(expected), "missing '{expected}' in\n{text}");
    }
    // the training fund lags 46.90 points; the rescue team keeps its contract's pace
    let p13 = row_of(&text, "P13");
    assert!(
        p13.contains("3.10%") && p13.contains("-46.90") && p13.contains("lagging"),
        "{p13}"
    );
    let p05 = row_of(&text, "P05");
    assert!(
        p05.contains("10.75%") && p05.contains("contract") && p05.contains("1,800,000.00"),
        "{p05}"
    );
    // ] and t step forward again
    s.key(KeyCode::Char(']'));
    assert!(s.text().contains("2021-07 month-end review"));
    s.key(KeyCode::Char('t'));
    assert!(s.text().contains("2021-12 month-end review"));
}

#[test]
fn the_summary_tab_reads_like_the_report_and_exports_it() {
    let mut s = Screen::demo(120, 40, Lang::Zh);
    // in 万元 unless a unit was chosen, as `outlay summary` writes it
    s.key(KeyCode::Char('8'));
    let text = s.text();
    for expected in [
        "8 年度汇总",
        "年度汇总（万元）",
        "攀枝花市仁和区应急管理局2021年度预算执行及绩效自评汇总",
        "一、部门资金基本情况",
    ] {
        assert!(text.contains(expected), "missing '{expected}' in\n{text}");
    }
    // the seed's headline figures, two decimals, grouped by thousands on screen
    let basic = row_of(&text, "基本支出合计");
    assert!(
        basic.contains("407.62") && basic.contains("100.00%"),
        "{basic}"
    );
    let projects = row_of(&text, "专项资金（项目支出）合计");
    assert!(
        projects.contains("1,046.85") && projects.contains("424.24"),
        "{projects}"
    );

    // the list keys scroll it as a document: End reaches the prose at the end
    s.key(KeyCode::End);
    let end = s.text();
    assert!(
        end.contains("改进措施") && end.contains("强化项目支付管理"),
        "{end}"
    );
    assert!(!end.contains("一、部门资金基本情况"), "{end}");
    s.key(KeyCode::Home);
    assert!(s.text().contains("一、部门资金基本情况"));

    // narrow: a table wider than the screen shifts sideways, its labels staying
    let mut s = Screen::demo(80, 24, Lang::En);
    s.key(KeyCode::Char('8'));
    let text = s.text();
    let row = row_of(&text, "project money, all");
    assert!(row.contains("1,048.27"), "{row}");
    assert!(
        !row.contains("40.53%"),
        "the rate is off the right edge: {row}"
    );
    s.key(KeyCode::Right)
        .key(KeyCode::Right)
        .key(KeyCode::Right);
    let shifted = s.text();
    let row = row_of(&shifted, "project money, all");
    assert!(row.contains("40.53%"), "the label stays frozen: {shifted}");

    // the unit key chooses 元 for the summary too
    let mut s = Screen::demo(120, 40, Lang::Zh);
    s.key(KeyCode::Char('8')).key(KeyCode::Char('u'));
    let text = s.text();
    assert!(
        row_of(&text, "基本支出合计").contains("4,076,200.00"),
        "{text}"
    );

    // the tab writes the same Markdown as `outlay summary --format md`, and
    // a second export goes beside the first instead of over it
    let dir = tempfile::tempdir().unwrap();
    let export = |s: &Screen| {
        s.app
            .summary
            .export(outlay::tui::Export::Markdown, dir.path())
            .unwrap()
    };
    let path = export(&s);
    assert_eq!(path.file_name().unwrap(), "outlay-summary-2021.md");
    let md = std::fs::read_to_string(&path).unwrap();
    assert!(
        md.contains("| 基本支出合计 | 4076200.00 | 0.00 | 4076200.00 | 4076200.00 | 100.00% |"),
        "{md}"
    );
    std::fs::write(&path, "sent already").unwrap();
    let second = export(&s);
    assert_eq!(second.file_name().unwrap(), "outlay-summary-2021-2.md");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "sent already");
}

#[test]
fn the_lower_panes_take_the_focus() {
    // Basic: o moves into the selected line's disbursements; r reverses the one selected
    let mut s = Screen::demo(120, 40, Lang::En);
    s.key(KeyCode::Char('2')).key(KeyCode::Char('o'));
    let text = s.text();
    let entry = text
        .lines()
        .skip_while(|l| !l.contains("Disbursements of"))
        .nth(2)
        .unwrap();
    let id = entry
        .trim_start_matches(['│', ' ', '▶', '>'])
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    assert!(id.parse::<u64>().is_ok(), "{entry}");
    s.key(KeyCode::Char('r'));
    let form = s.text();
    let field = form
        .lines()
        .find(|l| l.contains("Disbursement to reverse (id)"))
        .unwrap();
    assert!(field.contains(&id), "{field}\n{form}");
    s.key(KeyCode::Esc);
    // o again: back to the lines, and moving there changes whose entries show
    s.key(KeyCode::Char('o')).key(KeyCode::Down);
    let text = s.text();
    assert!(text.contains("Disbursements of B05"), "{text}");

    // Payments: o moves into the schedule; p pays the selected instalment
    let mut s = Screen::demo(120, 40, Lang::En);
    s.key(KeyCode::Char('6'))
        .key(KeyCode::Char('o'))
        .key(KeyCode::Char('p'));
    let form = s.text();
    for (label, value) in [
        ("Line", "P02"),
        ("Amount", "647500.00"),
        ("Payee", "攀枝花市安源安全技术服务有限公司"),
        ("Contract", "RHCG-2021-017"),
    ] {
        assert!(
            form.lines()
                .any(|l| l.contains(&format!(" {label} ")) && l.contains(value)),
            "{label} {value} in\n{form}"
        );
    }
}

#[test]
fn the_review_tab_shows_projects_too() {
    let mut s = Screen::demo(120, 40, Lang::En);
    s.key(KeyCode::Char('7'))
        .keys("[[[[[[")
        .key(KeyCode::Char('v'));
    let text = s.text();
    assert!(text.contains("Projects, lagging first"), "{text}");
    // June: the training fund's project lags 46.90 points, first
    let first = text
        .lines()
        .find(|l| l.contains("Project") && l.contains("Expected"))
        .and_then(|header| text.lines().skip_while(|l| *l != header).nth(1))
        .unwrap();
    assert!(
        first.contains("2020年中央自然灾害救灾资")
            && first.contains("-46.90")
            && first.contains("lagging"),
        "{first}"
    );
    // and what it still has to pay for June's 50 %: 100,000 − 6,200 = 93,800.00
    assert!(
        text.contains("To pay") && first.contains("93,800.00"),
        "{text}"
    );
    // the rescue team keeps its contract's pace: 17.64 % against 10.75 %
    let team = text.lines().find(|l| l.contains("综合应急救援队")).unwrap();
    assert!(team.contains("17.64%") && team.contains("10.75%"), "{team}");
    // the third view: what June's pace would leave unspent, largest share first:
    // the training fund, 200,000 − 13,330 projected = 186,670 (93.34 %)
    s.key(KeyCode::Char('v'));
    let text = s.text();
    assert!(
        text.contains("Proposed reductions and old carry-over"),
        "{text}"
    );
    let training = text.lines().find(|l| l.contains("P13 ")).unwrap();
    assert!(
        training.contains("reduce")
            && training.contains("186,670.00")
            && training.contains("93.34%"),
        "{training}"
    );
    s.key(KeyCode::Char('v'));
    assert!(s.text().contains("Lines, lagging first"));
}

#[test]
fn the_review_tab_closes_and_reopens_the_month() {
    let mut s = Screen::demo(120, 40, Lang::En);
    s.key(KeyCode::Char('7')).keys("[[[[[[");
    assert!(!s.text().contains("2021-06 month-end review · closed"));
    // K asks first; any other key cancels
    s.key(KeyCode::Char('K'));
    let text = s.text();
    assert!(
        text.contains("2021-06 close? Press K again to confirm"),
        "{text}"
    );
    s.key(KeyCode::Down).key(KeyCode::Char('K'));
    assert!(!s.text().contains("month-end review · closed"));
    // months before June are open: it says which, and asks once more
    s.key(KeyCode::Char('K'));
    let text = s.text();
    assert!(
        text.contains("Earlier months are still open: 01, 02, 03, 04, 05. Close 2021-06 anyway?"),
        "{text}"
    );
    assert!(!text.contains("month-end review · closed"), "{text}");
    s.key(KeyCode::Char('K'));
    let text = s.text();
    assert!(text.contains("2021-06 month-end review · closed"), "{text}");
    assert!(
        text.contains("2021-06 closed: entries dated in it are refused"),
        "{text}"
    );
    // a payment dated in the closed month is refused by the form, naming the date
    // the form opens on the selected line, P13, dated today (the year's end)
    s.key(KeyCode::Char('p'));
    s.key(KeyCode::Tab).keys("100");
    s.key(KeyCode::Tab);
    s.app
        .handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    s.keys("2021-06-15");
    s.key(KeyCode::Tab).keys("某公司");
    s.key(KeyCode::Tab).keys("V-CLOSED-1");
    s.key(KeyCode::Enter);
    let text = s.text();
    assert!(
        text.contains("date: 2021-06-15 falls in 2021-06, which is closed"),
        "{text}"
    );
    s.key(KeyCode::Esc);
    // K twice reopens it
    s.key(KeyCode::Char('K')).key(KeyCode::Char('K'));
    let text = s.text();
    assert!(
        !text.contains("2021-06 month-end review · closed"),
        "{text}"
    );
    assert!(text.contains("2021-06 reopened"), "{text}");
}

#[test]
fn a_narrow_tab_bar_keeps_every_tab_reachable() {
    // English names do not fit 80 columns: the current tab keeps its name, the others their key
    let mut s = Screen::demo(80, 24, Lang::En);
    s.key(KeyCode::Char('7'));
    let text = s.text();
    let bar = text.lines().nth(1).unwrap();
    assert_eq!(
        bar.trim_end(),
        " 1 │ 2 │ 3 │ 4 │ 5 │ 6 │ 7 Review │ 8",
        "{text}"
    );
    s.key(KeyCode::Char('1'));
    let text = s.text();
    assert!(
        text.lines()
            .nth(1)
            .unwrap()
            .starts_with(" 1 Overview │ 2 │"),
        "{text}"
    );
    // Chinese names fit 120 columns spaced, and 80 without the spaces
    let mut s = Screen::demo(120, 40, Lang::Zh);
    assert!(s.text().contains("6 支付 │ 7 月末分析 │ 8 年度汇总"));
    let mut s = Screen::demo(80, 24, Lang::Zh);
    assert!(
        s.text().contains(
            "1 总览│2 基本支出│3 项目支出│4 追加│5 绩效指标│6 支付│7 月末分析│8 年度汇总"
        )
    );
}

#[test]
fn the_chart_cycles_through_the_projects_and_back_to_the_year() {
    let mut s = Screen::demo(120, 40, Lang::En);
    s.key(KeyCode::Char('7'));
    assert!(s.text().contains("Cumulative execution · whole year"));
    assert!(s.text().contains("executed 57.19%"), "{}", s.text());
    // c: the first project, paid in full by December
    s.key(KeyCode::Char('c'));
    assert_eq!(
        s.app.review.chart.as_deref(),
        Some("应急管理及安全生产专项工作")
    );
    let text = s.text();
    assert!(
        text.contains("Cumulative execution · 应急管理及安全生产专项工作")
            && text.contains("executed 100.00%"),
        "{text}"
    );
    // C twice: back past the whole year to the last project
    s.key(KeyCode::Char('C')).key(KeyCode::Char('C'));
    let projects = s.app.data.projects().len();
    let last = s.app.data.projects()[projects - 1].to_string();
    assert_eq!(s.app.review.chart.as_deref(), Some(last.as_str()));
    s.key(KeyCode::Char('c'));
    assert_eq!(s.app.review.chart, None);
    // round every project and the year
    for _ in 0..=projects {
        s.key(KeyCode::Char('c'));
    }
    assert_eq!(s.app.review.chart, None);
    // elsewhere c does nothing
    s.key(KeyCode::Char('1')).key(KeyCode::Char('c'));
    assert_eq!(s.app.review.chart, None);
}

#[test]
fn the_review_tab_re_reads_when_another_client_pays() {
    use outlay::domain::input::NewDisbursement;
    use outlay::tui::Scope;
    let mut s = Screen::demo(120, 40, Lang::En);
    s.key(KeyCode::Char('7'));
    assert!(row_of(&s.text(), "P11").contains("lagging"));
    // another user pays the coal-mine survey in full
    s.app
        .ledger()
        .pay(NewDisbursement {
            line: "P11".into(),
            amount: "200000".parse().unwrap(),
            date: "2021-12-20".parse().unwrap(),
            payee: "某公司".into(),
            voucher: "V-OTHER".into(),
            contract: Some("RHAJ-2021-011".into()),
            memo: String::new(),
            refs: Default::default(),
            tags: Default::default(),
        })
        .unwrap();
    s.app.on_change(Scope::Entries);
    let text = s.text();
    let p11 = row_of(&text, "P11");
    assert!(p11.contains("100.00%") && !p11.contains("lagging"), "{p11}");
    assert!(
        text.contains("lagging 2") && text.contains("overdue 2"),
        "{text}"
    );
}

#[test]
fn tiny_and_huge_terminals_never_panic() {
    for (w, h) in [(10, 3), (59, 15), (60, 16), (80, 24), (200, 50), (300, 80)] {
        let mut s = Screen::demo(w, h, Lang::Zh);
        for tab in "1234567m".chars() {
            s.keys(&tab.to_string());
            s.text();
        }
    }
}

#[test]
fn adjust_schedule_and_indicator_forms_change_what_is_shown() {
    let mut s = Screen::demo(120, 40, Lang::En);
    // an adjustment on the selected basic line (B01) shows on the Supplementary tab
    s.key(KeyCode::Char('2')).key(KeyCode::Char('a'));
    assert!(s.text().contains("┌ Adjust a budget"));
    s.key(KeyCode::Tab)
        .keys("-1万")
        .key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .keys("仁财预〔2021〕99号")
        .key(KeyCode::Tab)
        .keys("调减");
    s.key(KeyCode::Enter);
    assert!(s.text().contains("Adjusted B01 -10,000.00"), "{}", s.text());
    s.key(KeyCode::Char('4'));
    let text = s.text();
    assert!(
        text.contains("仁财预〔2021〕99号") && text.contains("reduction"),
        "{text}"
    );
    // a new instalment, already due, is overdue at once
    s.key(KeyCode::Char('n'));
    s.keys("P08")
        .key(KeyCode::Tab)
        .keys("HT-NEW")
        .key(KeyCode::Tab)
        .keys("某公司")
        .key(KeyCode::Tab)
        .keys("2021-10-31")
        .key(KeyCode::Tab)
        .keys("1万");
    s.key(KeyCode::Enter);
    assert!(s.text().contains("⚠ 4 overdue"), "{}", s.text());
    // an indicator's actual: the first indicator (≥ 50 家次) set to 40 is not met
    s.key(KeyCode::Char('5')).key(KeyCode::Char('e'));
    assert!(s.text().contains("┌ Set indicator"));
    s.app
        .handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    s.keys("40 家次")
        .key(KeyCode::Tab)
        .keys("企业停产")
        .key(KeyCode::Enter);
    let text = s.text();
    let row = text
        .lines()
        .find(|l| l.contains("检查指导企业"))
        .unwrap_or("");
    // not achieved, and its points as the summary scores them: 40 / 50 of 8.35
    assert!(
        row.contains("✗ not achieved") && row.contains("6.68") && row.contains("企业停产"),
        "{text}"
    );
    let summary = s.app.ledger().summary(None).unwrap();
    let scored = summary
        .projects
        .iter()
        .flat_map(|p| &p.indicators)
        .find(|i| i.name == "检查指导企业")
        .unwrap();
    assert_eq!(scored.points.map(|p| p.to_string()), Some("6.68".into()));
}

/// Scrolls the Summary tab down a page at a time to the first line that
/// matches, as a reader would.
fn scrolled_to(s: &mut Screen, wanted: impl Fn(&str) -> bool) -> String {
    for _ in 0..30 {
        let text = s.text();
        if let Some(line) = text.lines().find(|l| wanted(l)) {
            return line.to_string();
        }
        s.key(KeyCode::PageDown);
    }
    panic!("not found in\n{}", s.text());
}

#[test]
fn year_end_judgements_are_written_from_the_tui() {
    let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    let mut s = Screen::demo(120, 40, Lang::En);
    // R on the Projects tab writes the selected project's reason
    s.key(KeyCode::Char('3'))
        .key(KeyCode::Down)
        .key(KeyCode::Char('R'));
    // the editor opens showing the whole reason as stored, the cursor at its end
    let form = s.text();
    assert!(
        form.contains("┌ 购买安全生产和应急管理服务 · Reason behind")
            && form.contains("2022年完成支付"),
        "{form}"
    );
    let before = s.app.ledger().project_settings().unwrap()["购买安全生产和应急管理服务"]
        .reason
        .clone()
        .unwrap();
    s.key(KeyCode::Enter).keys("合同款待2022年预算安排");
    s.app
        .handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(
        s.text()
            .contains("Saved Reason behind: 购买安全生产和应急管理服务"),
        "{}",
        s.text()
    );
    let after = s.app.ledger().project_settings().unwrap()["购买安全生产和应急管理服务"]
        .reason
        .clone()
        .unwrap();
    assert_eq!(after, format!("{before}\n合同款待2022年预算安排"));
    s.key(KeyCode::Char('8'));
    scrolled_to(&mut s, |l| {
        l.contains("购买安全生产和应急管理服务") && l.contains("130.00")
    });
    // the reason column is off to the right at 120 columns: shift to it
    for _ in 0..8 {
        s.key(KeyCode::Right);
    }
    // shifted there, the row still says whose reason it is
    let text = s.text();
    assert!(
        text.lines()
            .any(|l| l.contains("购买安全生产和应急管理服务") && l.contains("2022年完成支付")),
        "{text}"
    );
    let summary = serde_json::to_string(&s.app.ledger().summary(None).unwrap()).unwrap();
    assert!(
        summary.contains("合同款待2022年预算安排"),
        "the summary files the new text"
    );
    for _ in 0..8 {
        s.key(KeyCode::Left);
    }

    // the indicator form takes the user's points: the first indicator missed
    // at 40 of 50 家次 scores 6 of its 8.35, not the pro rata 6.68
    s.key(KeyCode::Char('5')).key(KeyCode::Char('e'));
    s.app.handle_key(ctrl_u);
    s.keys("40 家次");
    for _ in 0..3 {
        s.key(KeyCode::Tab);
    }
    s.keys("6").key(KeyCode::Enter);
    let text = s.text();
    assert!(text.contains("Updated indicator #1"), "{text}");
    // the project's form on the Summary tab shows the user's points
    s.key(KeyCode::Char('8'))
        .key(KeyCode::Enter)
        .key(KeyCode::Enter)
        .key(KeyCode::Char('o'));
    let row = scrolled_to(&mut s, |l| l.contains("检查指导企业") && l.contains("家次"));
    assert!(
        row.contains("40 家次") && row.contains("8.35     6.00"),
        "{row}"
    );
    // and asks for the reason of the deviation before it can be filed
    assert!(
        s.text()
            .contains("reason for the deviation #1 检查指导企业"),
        "{}",
        s.text()
    );
    s.key(KeyCode::Esc);
    // a score that is not a number is refused, naming the field
    s.key(KeyCode::Char('5')).key(KeyCode::Char('e'));
    for _ in 0..3 {
        s.key(KeyCode::Tab);
    }
    s.app.handle_key(ctrl_u);
    s.keys("six").key(KeyCode::Enter);
    assert!(s.text().contains("score: 'six' is not a number of points"));
}

#[test]
fn saving_from_the_line_field_takes_only_an_exact_or_chosen_line() {
    let mut s = Screen::demo(120, 40, Lang::En);
    s.key(KeyCode::Char('p'));
    s.keys("救援");
    // P05 综合应急救援队… and P10 四川省应急救援能力提升… both match: neither
    // is chosen until ctrl-n steps to the first, then the second
    let text = s.text();
    assert!(
        !text.contains("› P05") && text.contains("    P05"),
        "{text}"
    );
    assert!(
        text.contains("ctrl-n/ctrl-p chooses a suggested line"),
        "{text}"
    );
    let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
    s.app.handle_key(ctrl_n);
    assert!(s.text().contains("› P05"), "{}", s.text());
    s.app.handle_key(ctrl_n);
    assert!(s.text().contains("› P10"), "{}", s.text());
    s.key(KeyCode::Tab)
        .keys("100")
        .key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .keys("某公司")
        .key(KeyCode::Tab)
        .keys("V-M1");
    s.key(KeyCode::Enter);
    assert!(
        s.text().contains("Recorded disbursement #176 P10"),
        "{}",
        s.text()
    );
    // a fragment is never booked by Enter: "0" (the case) names no line
    // exactly and is refused beside the field, its candidates listed
    s.key(KeyCode::Char('p'));
    s.app
        .handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    s.keys("0");
    s.key(KeyCode::Enter);
    let text = s.text();
    assert!(
        text.contains("'0' could be 7 lines: P07, P10, P11, P12, P13, P14 and 1 more"),
        "{text}"
    );
    assert!(
        text.contains("›Line"),
        "the focus stays on the line:\n{text}"
    );
    assert!(
        !text.contains("Recorded disbursement"),
        "nothing was saved:\n{text}"
    );
    s.key(KeyCode::Esc);
    // the only match is refused on Enter too, and taken when the field is left
    s.key(KeyCode::Char('p'));
    s.app
        .handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    s.keys("办公经费");
    s.key(KeyCode::Enter);
    let text = s.text();
    assert!(
        text.contains("'办公经费' could be 1 line: P06; type the whole code or name"),
        "{text}"
    );
    s.key(KeyCode::Tab);
    let text = s.text();
    let line = text.lines().find(|l| l.contains(" Line ")).unwrap_or("");
    assert!(
        line.contains("P06"),
        "the line field holds the match: {line}\n{text}"
    );
    // and the form shows the line's money: budget, paid and what is left
    assert!(
        text.contains("P06 应急管理办公经费 · budget") && text.contains("left "),
        "{text}"
    );
    assert!(text.contains("›Amount"), "{text}");
}

/// Text stored before today's input rules (an old ledger, a hand-edited
/// file) reaches the screen with its control, bidi and invisible characters
/// written out: a payee cannot clear the screen, nor reverse what follows it.
#[test]
fn stored_control_and_bidi_characters_are_drawn_written_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.redb");
    drop(Ledger::create_demo(&db, "tester").unwrap());
    {
        let store = outlay::store::Store::open(&db).unwrap();
        let mut d = store.read(|r| r.disbursement(1)).unwrap().unwrap();
        d.id = 999;
        d.voucher = "V-EVIL".into();
        d.payee = "某\u{1b}[2J公司".into();
        d.memo = "\u{202e}exe.txt".into();
        store
            .write(|w| w.insert_disbursements(std::slice::from_ref(&d)))
            .unwrap();
    }
    let ledger = Ledger::open(&db, "tester").unwrap();
    let app = App::new(ledger, Lang::En, Unit::Yuan, Keymap::builtin_default()).unwrap();
    let mut s = Screen {
        dir,
        app,
        terminal: Terminal::new(TestBackend::new(200, 40)).unwrap(),
    };
    s.key(KeyCode::Char('6'))
        .key(KeyCode::Char('/'))
        .keys("V-EVIL")
        .key(KeyCode::Enter);
    let text = s.text();
    assert!(text.contains("某\\u{1b}[2J公司"), "{text}");
    assert!(
        !text.contains('\u{202e}') && !text.contains('\u{1b}'),
        "{text}"
    );
}

/// Plants two instalments of `amount` on the demo's first line straight into
/// the store (as a hand-edited file or an older outlay could leave them) and
/// opens the TUI on the result: it must open and draw every tab, or refuse
/// to open with an error — never panic (issue 9: two such instalments once
/// made every report panic for every user).
fn open_with_planted_instalments(amount: rust_decimal::Decimal) -> Option<Screen> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.redb");
    drop(Ledger::create_demo(&db, "tester").unwrap());
    {
        let store = outlay::store::Store::open(&db).unwrap();
        let template = store.read(|r| r.schedule()).unwrap().remove(0);
        store
            .write(|w| {
                for id in [9001, 9002] {
                    let mut item = template.clone();
                    item.id = id;
                    item.amount = outlay::domain::Money::from_decimal(amount).unwrap();
                    w.insert_schedule_item(&item)?;
                }
                Ok::<_, outlay::store::StoreError>(())
            })
            .unwrap();
    }
    let ledger = Ledger::open(&db, "tester").ok()?;
    let app = App::new(ledger, Lang::Zh, Unit::Wan, Keymap::builtin_default()).ok()?;
    Some(Screen {
        dir,
        app,
        terminal: Terminal::new(TestBackend::new(120, 40)).unwrap(),
    })
}

#[test]
fn extreme_stored_amounts_never_make_the_tui_panic() {
    let just_under_the_bound =
        outlay::domain::money::MAX_AMOUNT.as_decimal() - rust_decimal::Decimal::new(1, 2);
    let mut s = open_with_planted_instalments(just_under_the_bound)
        .expect("amounts within the bound open as any others");
    for tab in "12345678".chars() {
        let text = s.key(KeyCode::Char(tab)).text();
        assert!(!text.trim().is_empty(), "tab {tab} drew nothing");
    }
    // Past any bound: read as damage, so the TUI refuses to open, or opens; it never panics.
    if let Some(mut s) = open_with_planted_instalments(rust_decimal::Decimal::MAX) {
        for tab in "12345678".chars() {
            s.key(KeyCode::Char(tab)).text();
        }
    }
}

/// The Summary tab with the `n`th project's form open: Enter opens the
/// chooser of projects, Down moves in it, Enter opens the form.
fn open_form(s: &mut Screen, n: usize) {
    s.key(KeyCode::Char('8')).key(KeyCode::Enter);
    let chooser = s.text();
    assert!(
        chooser.contains("选择项目") || chooser.contains("Choose a project"),
        "{chooser}"
    );
    for _ in 0..n {
        s.key(KeyCode::Down);
    }
    s.key(KeyCode::Enter);
}

fn ctrl(s: &mut Screen, c: char) {
    s.app
        .handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

#[test]
fn a_projects_form_at_80x24_and_120x40() {
    for (width, height) in [(80, 24), (120, 40)] {
        let mut s = Screen::demo(width, height, Lang::Zh);
        open_form(&mut s, 0);
        let text = s.text();
        insta::assert_snapshot!(format!("form_{width}x{height}"), text);
        // what is missing is the first thing under the tabs, before the form
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[2].contains("应急管理及安全生产专项工作") && lines[2].contains("尚缺 1 项"),
            "{text}"
        );
        assert!(
            lines[3].contains("✗ 实际完成值 #8 受益群众满意度"),
            "{text}"
        );
        assert!(text.contains("项目支出绩效自评表（2021年度）"), "{text}");
        assert!(row_of(&text, "年度资金总额").contains("30.00"), "{text}");
        // back returns to the summary
        s.key(KeyCode::Esc);
        assert!(s.text().contains("一、部门资金基本情况"));
    }
}

#[test]
fn the_form_switches_layout_scrolls_and_exports_what_it_shows() {
    let mut s = Screen::demo(120, 40, Lang::Zh);
    open_form(&mut s, 2);
    assert!(s.text().contains("办公用房租赁费 · 尚缺 3 项"));
    s.keys("b");
    let text = s.text();
    assert!(
        text.contains("部门预算项目支出绩效自评表（2021年度）")
            && text.contains("四川版式")
            && text.contains("办公用房租赁费 · 尚缺 9 项")
            && text.contains("✗ 财务负责人"),
        "{text}"
    );
    // o gives the keys to the form, which then scrolls
    s.keys("o").key(KeyCode::End);
    let end = s.text();
    assert!(!end.contains("表号：510000_0013zp"), "{end}");
    assert!(end.contains("尚缺（填齐后方可报送）"), "{end}");
    let dir = tempfile::tempdir().unwrap();
    let view = s.app.summary.form.as_ref().unwrap();
    let md = view
        .export(outlay::tui::Export::Markdown, dir.path(), s.app.render)
        .unwrap();
    assert_eq!(
        md.file_name().unwrap(),
        "outlay-form-2021-办公用房租赁费-sichuan.md"
    );
    let md = std::fs::read_to_string(md).unwrap();
    assert!(
        md.starts_with("# 部门预算项目支出绩效自评表（2021年度）")
            && !md.contains("八一走访慰问金"),
        "one project's form: {md}"
    );
    let xlsx = view
        .export(outlay::tui::Export::Xlsx, dir.path(), s.app.render)
        .unwrap();
    let bytes = std::fs::read(&xlsx).unwrap();
    assert_eq!(&bytes[..2], b"PK", "a workbook is a zip");
    // the summary itself exports its workbook, as `outlay summary --format xlsx`
    let summary = s
        .app
        .summary
        .export(outlay::tui::Export::Xlsx, dir.path())
        .unwrap();
    let bytes = std::fs::read(&summary).unwrap();
    assert_eq!(&bytes[..2], b"PK", "a workbook is a zip");
    assert!(summary.ends_with("outlay-summary-2021.xlsx"), "{summary:?}");
}

#[test]
fn a_missing_text_is_written_in_the_editor_on_several_lines() {
    let mut s = Screen::demo(120, 40, Lang::Zh);
    open_form(&mut s, 2);
    s.keys("b");
    // Enter on the first missing item opens its editor
    s.key(KeyCode::Enter);
    let text = s.text();
    assert!(
        text.contains("办公用房租赁费 · 项目实施内容及过程概述")
            && text.contains("ctrl-s 保存 · enter 换行"),
        "{text}"
    );
    // Enter starts a new line; no key types a shortcut (b, o, q are text here)
    s.keys("第一行 boq").key(KeyCode::Enter).keys("第二行");
    let text = s.text();
    assert!(
        text.contains("│第一行 boq") && text.contains("│第二行"),
        "{text}"
    );
    assert!(!s.app.quit);
    ctrl(&mut s, 's');
    let facts = s.app.ledger().project_facts().unwrap();
    assert_eq!(
        facts["办公用房租赁费"].content.as_deref(),
        Some("第一行 boq\n第二行")
    );
    // the form is read again: the item is no longer missing
    let text = s.text();
    assert!(
        text.contains("已保存 项目实施内容及过程概述：办公用房租赁费")
            && text.contains("办公用房租赁费 · 尚缺 8 项")
            && !text.contains("✗ 项目实施内容及过程概述"),
        "{text}"
    );
    assert!(text.contains("第一行 boq"), "the form shows it: {text}");

    // f chooses any text; Esc over changed text asks again before discarding
    s.keys("f");
    let text = s.text();
    assert!(text.contains("填写自评表栏目：办公用房租赁费"), "{text}");
    // the chooser says what each text holds: its first line, … for more
    assert!(
        text.contains("│ 项目实施内容及过程概述  第一行 boq …"),
        "{text}"
    );
    s.key(KeyCode::Home).key(KeyCode::Enter); // 实施单位
    assert!(s.text().contains("办公用房租赁费 · 实施单位"));
    s.keys("仁和区应急管理局办公室").key(KeyCode::Esc);
    let text = s.text();
    assert!(
        text.contains("有未保存的修改：再按 esc 放弃，按 ctrl-s 保存")
            && text.contains("仁和区应急管理局办公室"),
        "{text}"
    );
    s.key(KeyCode::Esc);
    assert!(s.text().contains("已放弃修改"));
    let facts = s.app.ledger().project_facts().unwrap();
    assert_eq!(facts["办公用房租赁费"].implementer, None);
    // unchanged text closes at once
    s.keys("f")
        .key(KeyCode::Home)
        .key(KeyCode::Enter)
        .key(KeyCode::Esc);
    assert!(s.app.popups.is_empty());
}

#[test]
fn a_viewer_is_refused_and_keeps_the_text() {
    let mut s = Screen::demo_as_viewer();
    open_form(&mut s, 0);
    s.keys("f").key(KeyCode::Enter).keys("a goal");
    ctrl(&mut s, 's');
    let text = s.text();
    let status = text.lines().last().unwrap();
    assert!(
        status.contains("viewer"),
        "the refusal names the role: {status}"
    );
    assert!(text.contains("✗ ") && text.contains("a goal"), "{text}");
    assert!(!s.app.popups.is_empty(), "the editor stays open");
    let facts = s.app.ledger().project_facts().unwrap();
    assert_eq!(facts["应急管理及安全生产专项工作"].implementer, None);
}

#[test]
fn a_missing_indicator_or_reason_opens_its_own_form_and_the_form_follows() {
    let mut s = Screen::demo(120, 40, Lang::Zh);
    open_form(&mut s, 0);
    // the first project lacks one indicator's actual value: Enter opens the indicator's form
    s.key(KeyCode::Enter);
    let text = s.text();
    assert!(text.contains("┌ 填报绩效指标 #8"), "{text}");
    s.keys("98%").key(KeyCode::Enter);
    let text = s.text();
    assert!(
        text.contains("应急管理及安全生产专项工作 · ✓ 无缺项，可打印报送"),
        "saved, the form is read again and lacks nothing: {text}"
    );

    // a Sichuan form whose rate is below 90 % asks for the reason (the
    // demo's is cleared first): Enter opens that form
    let mut s = Screen::demo(120, 40, Lang::Zh);
    s.app
        .ledger()
        .set_project_reason("购买安全生产和应急管理服务".into(), None)
        .unwrap();
    s.app.reload().unwrap();
    open_form(&mut s, 1);
    s.keys("b");
    for _ in 0..20 {
        if s.text().contains("›✗ 执行率低于90%的原因") {
            break;
        }
        s.key(KeyCode::Down);
    }
    s.key(KeyCode::Enter);
    let text = s.text();
    assert!(
        text.contains("┌ 购买安全生产和应急管理服务 · 偏差原因"),
        "{text}"
    );
    s.keys("合同分期支付，尾款次年结算");
    ctrl(&mut s, 's');
    let text = s.text();
    assert!(!text.contains("✗ 执行率低于90%的原因"), "{text}");
    assert!(text.contains("合同分期支付，尾款次年结算"), "{text}");
}

#[test]
fn the_help_lists_the_editor_keys_and_the_form_keys() {
    let mut s = Screen::demo(120, 40, Lang::Zh);
    s.keys("?");
    let top = s.text();
    assert!(
        top.contains("自评表导出 Excel 工作簿（xlsx）") && top.contains("自评表版式：全国/四川"),
        "{top}"
    );
    for _ in 0..10 {
        s.key(KeyCode::PageDown);
    }
    let bottom = s.text();
    assert!(
        bottom.contains("多行文字编辑")
            && bottom.contains("ctrl-s")
            && bottom.contains("保存文字")
            && bottom.contains("关闭（有修改时再按一次放弃）"),
        "{bottom}"
    );
}

/// The first row of the screen that contains `needle`.
fn row_with<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no row with {needle} in\n{text}"))
}

/// The demo's 双监控 return as of 2021-07-31: `[` five times from the year's end, then `m`.
fn monitor_in_july(width: u16, height: u16, lang: Lang) -> Screen {
    let mut s = Screen::demo(width, height, lang);
    s.keys("[[[[[").key(KeyCode::Char('m'));
    s
}

#[test]
fn the_monitor_view_at_80x24_and_120x40() {
    for (width, height) in [(80, 24), (120, 40)] {
        let mut s = monitor_in_july(width, height, Lang::Zh);
        let text = s.text();
        insta::assert_snapshot!(format!("monitor_{width}x{height}"), text);
        assert!(
            text.contains("绩效运行监控（双监控） · 2021-07-31（1—7月） · 元 · 待说明 2 个项目"),
            "{text}"
        );
        // 293,549.53 projected of 300,000 budget = 97.85 %, below 100 % with no reason
        let first = row_of(&text, "应急管理及安全生产专项工作");
        assert!(
            first.contains("56.83%") && first.contains("97.85%") && first.contains("绿"),
            "{first}"
        );
        assert!(first.contains("⚠ 待说明"), "{first}");
        // the service contract is red (nothing paid by July) and has its reason
        let service = row_of(&text, "购买安全生产和应急管理服务");
        assert!(
            service.contains("0.00%") && service.contains("99.62%") && service.contains("红"),
            "{service}"
        );
        assert!(
            service.contains("已说明") && !service.contains("⚠"),
            "{service}"
        );
        // the first project's indicators below, its unexplained projection in the pane under them
        assert!(
            row_of(&text, "数量指标").contains("检查指导企业")
                && text.contains("31 家次")
                && text.contains("⚠ 预计执行率 97.85% 低于 100%，尚未说明原因（R 填写）"),
            "{text}"
        );
    }
    // at 120 columns every project fits, the amounts with them
    let text = monitor_in_july(120, 40, Lang::Zh).text();
    let team = row_of(&text, "综合应急救援队建队专项资金");
    assert!(
        team.contains("5,580,800.00")
            && team.contains("1,284,700.00")
            && team.contains("2,784,700.00")
            && team.contains("49.90%"),
        "{team}"
    );
    let last = row_with(&text, "老街社区");
    assert!(last.contains("⚠ 待说明"), "{last}");
}

#[test]
fn the_monitor_view_shows_each_indicators_latest_progress() {
    let mut s = monitor_in_july(120, 40, Lang::En);
    // the rescue team (fifth project): 152 of 160 people, the cause given
    s.keys("").key(KeyCode::Down);
    for _ in 0..3 {
        s.key(KeyCode::Down);
    }
    let text = s.text();
    assert!(text.contains("Indicators · e record progress"), "{text}");
    let people = row_of(&text, "quantity");
    assert!(
        people.contains("综合应急救援队人数")
            && people.contains("≥ 160 人")
            && people.contains("152 人")
            && people.contains("160 人")
            && people.contains("certain")
            && people.contains("staffing: 第二批队员"),
        "{people}"
    );
    // Enter moves into the indicators; the pane below spells the selected one out
    s.key(KeyCode::Enter);
    let text = s.text();
    assert!(
        text.contains("outputs › quantity › 综合应急救援队人数 · target: ≥ 160 人")
            && text.contains(
                "Reached: 152 人 (2021-07-31) · projected: 160 人 · likelihood: certain · rectify: no"
            )
            && text.contains("Cause: staffing: 第二批队员8人正在体检政审。"),
        "{text}"
    );
    // the last project's shelters are 有可能 with no reason: marked on the row and in its cell
    s.key(KeyCode::Esc).key(KeyCode::End);
    let text = s.text();
    let shelters = text
        .lines()
        .find(|l| l.contains("应急避难场所"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        shelters.contains("⚠ 应急避难场所")
            && shelters.contains("2 处")
            && shelters.contains("possible")
            && shelters.contains("⚠ reason required"),
        "{shelters}"
    );
    assert!(
        text.contains("⚠ #101 应急避难场所: the target may not be reached"),
        "{text}"
    );
    // a month later the same values stand, dated: the return keeps the latest by its date
    s.key(KeyCode::Char(']'));
    let text = s.text();
    assert!(
        text.contains("2021-08-31, months 1–8") && text.contains("2 处 · 07-31"),
        "{text}"
    );
    // m again, or esc, goes back to the review
    s.key(KeyCode::Char('m'));
    assert!(s.text().contains("2021-08 month-end review"));
    s.key(KeyCode::Char('1')).key(KeyCode::Char('m'));
    assert!(s.text().contains("Monitoring return · 2021-08-31"));
    s.key(KeyCode::Esc);
    let text = s.text();
    assert!(
        text.contains("2021-08 month-end review") && text.contains("m monitoring return"),
        "{text}"
    );
}

#[test]
fn a_progress_value_saved_in_the_monitor_view_changes_the_return() {
    let mut s = monitor_in_july(120, 40, Lang::Zh);
    // the last project, its third indicator: the shelters, 2 of 3 and 有可能
    s.key(KeyCode::End).key(KeyCode::Enter);
    s.key(KeyCode::Down)
        .key(KeyCode::Down)
        .key(KeyCode::Char('e'));
    let text = s.text();
    assert!(
        text.contains("┌ 填报绩效运行监控 #101 应急避难场所"),
        "{text}"
    );
    // prefilled from the latest value, the date the as-of date, the value focused
    for (label, value) in [
        ("日期", "2021-07-31"),
        ("›完成情况", "2 处"),
        ("全年预计完成情况", "3 处"),
    ] {
        assert!(
            text.lines().any(|l| l.contains(label) && l.contains(value)),
            "{label} {value} in\n{text}"
        );
    }
    // a cause that is not one is refused beside its field, the text kept
    s.key(KeyCode::Tab).key(KeyCode::Tab);
    s.keys("天气").key(KeyCode::Enter);
    let text = s.text();
    assert!(
        text.contains("“天气”不是以下之一：funding（经费保障）"),
        "{text}"
    );
    assert!(
        text.contains("›偏差原因类别") && text.contains("天气"),
        "{text}"
    );
    // typing part of a word offers it; leaving the field takes it
    ctrl(&mut s, 'u');
    s.keys("其");
    assert!(s.text().contains("› 其他  other"), "{}", s.text());
    s.key(KeyCode::Tab).keys("第三处场所待区政府批复选址");
    s.key(KeyCode::Tab);
    ctrl(&mut s, 'u');
    s.keys("确定").key(KeyCode::Tab);
    ctrl(&mut s, 'u');
    s.keys("督促街道尽快完成选址");
    // back to the value: 3 处 reached
    for _ in 0..5 {
        s.key(KeyCode::BackTab);
    }
    ctrl(&mut s, 'u');
    s.keys("3 处").key(KeyCode::Enter);
    let text = s.text();
    assert!(
        text.contains("已记录绩效指标 #101 2021-07-31 完成情况：3 处"),
        "{text}"
    );
    // the return re-read: the row shows the value, its cause and measures, and the flag is gone
    let shelters = text.lines().find(|l| l.contains("应急避难场所")).unwrap();
    assert!(
        shelters.contains("3 处")
            && shelters.contains("确定能")
            && shelters.contains("其他：第三处场所")
            && !shelters.contains("⚠"),
        "{shelters}"
    );
    assert!(text.contains("待说明 1 个项目"), "{text}");
    assert!(!row_with(&text, "老街社区").contains("⚠"), "{text}");
    let r = s
        .app
        .ledger()
        .monitor(Some("2021-07-31".parse().unwrap()))
        .unwrap();
    let shelters = r
        .projects
        .iter()
        .flat_map(|p| &p.indicators)
        .find(|i| i.id == 101)
        .unwrap();
    assert_eq!(
        (
            shelters.value.as_deref(),
            shelters.cause,
            shelters.likelihood,
            shelters.rectify.as_deref()
        ),
        (
            Some("3 处"),
            Some(outlay::domain::progress::Cause::Other),
            Some(outlay::domain::progress::Likelihood::Certain),
            Some("督促街道尽快完成选址")
        )
    );
    assert_eq!(r.flagged().count(), 1);
    // R on the first project writes the reason its projected 97.85 % lacked: nothing is flagged
    s.key(KeyCode::Esc)
        .key(KeyCode::Home)
        .key(KeyCode::Char('R'));
    assert!(
        s.text().contains("┌ 应急管理及安全生产专项工作 · 偏差原因"),
        "{}",
        s.text()
    );
    s.keys("年底结算尾款");
    ctrl(&mut s, 's');
    let text = s.text();
    assert!(text.contains("待说明 0 个项目"), "{text}");
    let first = row_of(&text, "应急管理及安全生产专项工作");
    assert!(first.contains("已说明") && !first.contains("⚠"), "{first}");
}

#[test]
fn the_monitor_view_re_reads_when_another_client_records_progress() {
    use outlay::domain::progress::NewProgress;
    use outlay::tui::Scope;
    let mut s = monitor_in_july(120, 40, Lang::En);
    assert!(s.text().contains("31 家次"));
    s.app
        .ledger()
        .record_progress(NewProgress {
            indicator: 1,
            date: "2021-07-31".parse().unwrap(),
            value: "35 家次".into(),
            projected: Some("50 家次".into()),
            cause: None,
            reason: None,
            likelihood: None,
            rectify: None,
        })
        .unwrap();
    s.app.on_change(Scope::of("record_progress"));
    let text = s.text();
    assert!(
        text.contains("35 家次") && !text.contains("31 家次"),
        "{text}"
    );
}

#[test]
fn a_viewer_cannot_record_progress_and_keeps_the_form() {
    let mut s = Screen::demo_as_viewer();
    s.keys("[[[[[m").key(KeyCode::Enter).key(KeyCode::Enter);
    ctrl(&mut s, 'u');
    s.keys("40 家次").key(KeyCode::Enter);
    let text = s.text();
    assert!(
        text.contains("✗ ") && text.contains("viewer") && text.contains("40 家次"),
        "{text}"
    );
}

/// The first word of each table row the filter left (a project's name as shown).
fn first_cells(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix('│'))
        .filter_map(|l| l.split(' ').next())
        .filter(|cell| !cell.is_empty())
        .map(str::to_string)
        .collect()
}

/// Issue 12 item 7: an identifier is never cut, its column gives way whole;
/// a name is cut at its end and never so that two rows read alike.
#[test]
fn identifiers_stay_whole_and_cut_names_never_read_alike_at_80x24() {
    let mut s = Screen::demo(80, 24, Lang::Zh);
    s.key(KeyCode::Char('4'));
    let text = s.text();
    assert!(text.contains("川财建〔2020〕196号 "), "{text}");
    // The total keeps its label: 合计 and its amount on one row.
    assert!(
        text.lines().any(|l| l.contains("合计 8,757,800.00")),
        "{text}"
    );
    s.key(KeyCode::Char('5'));
    let text = s.text();
    let done_by = row_with(&text, "项目完成时间");
    assert_eq!(done_by.matches("2021-12-31").count(), 2, "{text}");
    s.key(KeyCode::Char('/'))
        .keys("建队资金")
        .key(KeyCode::Enter);
    let text = s.text();
    let team = text.lines().skip(4).find(|l| l.contains("建队资金"));
    assert!(team.is_some_and(|l| l.contains("278.47 万元")), "{text}");
    // The two 2020年中央自然灾害救灾资金 projects, however their names are cut.
    s.key(KeyCode::Char('/'));
    s.app
        .handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    s.keys("救灾资金").key(KeyCode::Enter);
    let text = s.text();
    let mut projects = first_cells(&text);
    projects.retain(|p| p.starts_with("2020"));
    projects.dedup();
    assert_eq!(projects.len(), 2, "{projects:?} in\n{text}");
    assert!(
        !projects[0].starts_with(projects[1].trim_end_matches('…')),
        "{text}"
    );
    assert!(
        !projects[1].starts_with(projects[0].trim_end_matches('…')),
        "{text}"
    );
    // The Projects tab keeps the rate and light at 80 columns, giving up spent.
    s.key(KeyCode::Char('3'));
    let text = s.text();
    let service = row_with(&text, "购买安全生产和应急管理服务");
    assert!(
        service.contains("1,300,000.00") && service.contains("0.00%") && service.contains("红"),
        "{text}"
    );
    assert!(!text.contains("已支出"), "{text}");
}

#[test]
fn a_category_and_a_date_are_never_cut_in_english() {
    let mut s = Screen::demo(120, 40, Lang::En);
    s.key(KeyCode::Char('5'));
    let text = s.text();
    assert!(text.contains("social effect "), "{text}");
    assert!(!text.contains("2021-12-3 "), "{text}");
}

/// Rows of a panel whose title contains `title`: its header and data rows,
/// the lines between its top border and its bottom border, in its columns.
fn panel_rows(text: &str, title: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let Some(top) = lines.iter().position(|l| l.contains(title)) else {
        panic!("no panel titled {title:?} in\n{text}");
    };
    let before: Vec<char> = lines[top].split(title).next().unwrap().chars().collect();
    let column = before.iter().rposition(|&c| c == '┌').unwrap();
    lines[top + 1..]
        .iter()
        .take_while(|l| l.chars().nth(column) != Some('└'))
        .count()
}

#[test]
fn at_60x16_each_overview_table_shows_three_rows_and_the_overdue_title_its_amount() {
    for (lang, warnings, overdue) in [
        (Lang::Zh, "预警 红灯", "1,495,000.00 元"),
        (Lang::En, "red 3", "1,495,000.00 yuan"),
    ] {
        let mut s = Screen::demo(60, 16, lang);
        let text = s.text();
        // header and three data rows each
        assert!(panel_rows(&text, warnings) >= 4, "{text}");
        assert!(panel_rows(&text, overdue) >= 4, "{text}");
        s.key(KeyCode::Char('u'));
        let text = s.text();
        let unit = if lang == Lang::Zh {
            "149.50 万元"
        } else {
            "149.50 10k yuan"
        };
        assert!(
            text.lines().any(|l| l.contains('┌') && l.contains(unit)),
            "{text}"
        );
    }
}

#[test]
fn the_help_popup_leaves_a_gap_between_every_key_and_its_description() {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in [(60, 16), (80, 24), (120, 40)] {
            let mut s = Screen::demo(w, h, lang);
            let text = s.key(KeyCode::Char('?')).text();
            let lines: Vec<&str> = text.lines().collect();
            let top = lines
                .iter()
                .position(|l| l.contains("┌ 按键") || l.contains("┌ Keys"))
                .unwrap_or_else(|| panic!("{text}"));
            // in cells: the background has wide characters
            let column = lines[top].split("┌ ").next().unwrap().width() + 1;
            let from_cell = |l: &str| {
                let mut used = 0;
                l.chars()
                    .skip_while(|c| {
                        used += c.width().unwrap_or(0);
                        used <= column
                    })
                    .collect::<String>()
            };
            // the popup's rows, inside its left border, without the indent
            let rows: Vec<String> = lines[top + 1..]
                .iter()
                .map(|l| from_cell(l))
                .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
                .collect();
            assert!(rows.len() > 3, "{text}");
            for row in &rows {
                let inner = row.split('│').next().unwrap_or(row);
                let inner = &inner[2..];
                // the key name, then at least two spaces before its description
                assert!(
                    inner.trim().is_empty() || inner.contains("  "),
                    "{row:?} in\n{text}"
                );
            }
        }
    }
}

#[test]
fn the_project_view_lists_its_instalments_by_due_date() {
    let mut s = Screen::demo(120, 40, Lang::En);
    s.key(KeyCode::Char('3'))
        .key(KeyCode::Down)
        .key(KeyCode::Enter);
    let text = s.text();
    let dates: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("RHCG-2021-017"))
        .filter_map(|l| {
            l.split_whitespace()
                .find(|w| w.starts_with("2021-") && w.len() == 10)
        })
        .collect();
    assert!(dates.len() >= 2, "{text}");
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "{text}");
}
