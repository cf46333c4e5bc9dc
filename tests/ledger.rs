//! The ledger API end to end on a real redb file: commands, refusals that
//! leave the file unchanged, running totals that equal the rebuilt sums.

use chrono::{Datelike, NaiveDate};
use outlay::domain::input::{
    IndicatorUpdate, NewAdjustment, NewDisbursement, NewIndicator, NewScheduleItem, Reversal,
};
use outlay::domain::report::Pace;
use outlay::domain::review::Expectation;
use outlay::domain::role::Role;
use outlay::domain::score::{Achievement, achievement};
use outlay::domain::settings::{LineSettings, NoteSection, ProjectSettings, Weights};
use outlay::domain::{
    BudgetLine, Category, EconClass, FiscalYear, Kind, Level, Money, Refusal, Source,
};
use outlay::import::Row;
use outlay::ledger::{DisbursementQuery, JournalOrder, Warning};
use outlay::{Error, Ledger};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn m(s: &str) -> Money {
    s.parse().unwrap()
}

fn line(code: &str, kind: Kind, source: Source, amount: &str) -> BudgetLine {
    BudgetLine {
        code: code.into(),
        name: format!("line {code}"),
        kind,
        source,
        level: Level::District,
        econ_class: (kind == Kind::Basic).then_some(EconClass::Goods),
        project: (kind == Kind::Project).then(|| format!("project {code}")),
        doc_no: "仁财预〔2021〕1号".into(),
        allocated_on: d("2021-01-01"),
        allocated: m(amount),
        refs: Default::default(),
    }
}

fn pay(line: &str, amount: &str, date: &str, voucher: &str) -> NewDisbursement {
    NewDisbursement {
        line: line.into(),
        date: d(date),
        amount: m(amount),
        payee: "某公司".into(),
        voucher: voucher.into(),
        memo: String::new(),
        contract: None,
        refs: Default::default(),
        tags: Default::default(),
    }
}

fn new_ledger() -> (tempfile::TempDir, Ledger) {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::create(
        &dir.path().join("l.redb"),
        FiscalYear::new(2021).unwrap(),
        "测试局",
        "tester",
    )
    .unwrap();
    ledger
        .add_line(line("B01", Kind::Basic, Source::Initial, "1000"))
        .unwrap();
    ledger
        .add_line(line("P01", Kind::Project, Source::Supplementary, "500"))
        .unwrap();
    (dir, ledger)
}

/// Everything a user could see, to prove a refusal changed nothing.
fn snapshot(l: &Ledger) -> String {
    let report = serde_json::to_string(&l.report(Some(d("2021-12-31"))).unwrap()).unwrap();
    let all = l.disbursements(DisbursementQuery::default()).unwrap();
    format!(
        "{report}|{}|{}|{}",
        all.len(),
        l.adjustments(None).unwrap().len(),
        l.schedule(None, None).unwrap().len()
    )
}

#[test]
fn pay_reverse_and_report() {
    let (_dir, l) = new_ledger();
    let paid = l.pay(pay("B01", "300", "2021-03-10", "V1")).unwrap();
    assert!(paid.warnings.is_empty());
    assert_eq!(paid.disbursement.entered_by, "tester");
    l.pay(pay("P01", "100", "2021-05-10", "V2")).unwrap();
    let report = l.report(Some(d("2021-12-31"))).unwrap();
    assert_eq!(report.group("all").unwrap().spent, m("400"));
    assert_eq!(
        report.group("basic").unwrap().rate.unwrap().to_string(),
        "30.00"
    );
    assert_eq!(
        report.group("project/supplementary").unwrap().spent,
        m("100")
    );

    let rev = l
        .reverse(Reversal {
            id: paid.disbursement.id,
            reason: "录错金额".into(),
            date: Some(d("2021-03-11")),
            voucher: None,
        })
        .unwrap();
    assert_eq!(rev.amount, m("-300"));
    assert_eq!(rev.voucher, "V1-R");
    assert_eq!(rev.reverses, Some(paid.disbursement.id));
    let report = l.report(Some(d("2021-12-31"))).unwrap();
    assert_eq!(report.group("basic").unwrap().spent, Money::ZERO);
    // as of a date before the reversal, the payment still counts
    let march10 = l.report(Some(d("2021-03-10"))).unwrap();
    assert_eq!(march10.group("basic").unwrap().spent, m("300"));
    assert!(l.verify_totals().unwrap().is_empty());
    assert_eq!(l.events(10).unwrap()[0].action, "reverse");
}

#[test]
fn refusals_name_the_problem_and_change_nothing() {
    let (_dir, l) = new_ledger();
    let first = l
        .pay(pay("B01", "300", "2021-03-10", "V1"))
        .unwrap()
        .disbursement;
    l.reverse(Reversal {
        id: first.id,
        reason: "x".into(),
        date: None,
        voucher: None,
    })
    .unwrap();
    let before = snapshot(&l);

    let refusals: Vec<(Error, &str)> = vec![
        (
            l.pay(pay("X9", "1", "2021-03-10", "V9")).unwrap_err(),
            "no budget line has the code 'X9'",
        ),
        (
            l.pay(pay("B01", "1", "2021-03-10", "V1")).unwrap_err(),
            "'V1' is already recorded on line B01",
        ),
        (
            l.pay(pay("B01", "-1", "2021-03-10", "V7")).unwrap_err(),
            "amount: a disbursement must be more than zero",
        ),
        (
            l.pay(pay("B01", "1", "2022-01-02", "V7")).unwrap_err(),
            "date: 2022-01-02 is outside fiscal year 2021",
        ),
        (
            l.reverse(Reversal {
                id: first.id,
                reason: "again".into(),
                date: None,
                voucher: None,
            })
            .unwrap_err(),
            "was already reversed",
        ),
        (
            l.reverse(Reversal {
                id: first.id + 1,
                reason: "r".into(),
                date: None,
                voucher: None,
            })
            .unwrap_err(),
            "is itself a reversal",
        ),
        (
            l.reverse(Reversal {
                id: 99,
                reason: "r".into(),
                date: None,
                voucher: None,
            })
            .unwrap_err(),
            "no disbursement #99",
        ),
        (
            l.add_line(line("B01", Kind::Basic, Source::Initial, "1"))
                .unwrap_err(),
            "budget line 'B01' already exists",
        ),
        (
            l.adjust(NewAdjustment {
                line: "B01".into(),
                date: d("2021-05-01"),
                amount: m("-2000"),
                doc_no: "x".into(),
                reason: "cut".into(),
                batch_no: None,
                from_line: None,
            })
            .unwrap_err(),
            "would make the budget of line B01 negative",
        ),
        (
            l.add_indicator(NewIndicator {
                project: "nope".into(),
                category: Category::Quantity,
                name: "n".into(),
                target: "≥ 1 个".into(),
                weight: 10.into(),
                actual: None,
            })
            .unwrap_err(),
            "no project line funds a project named 'nope'",
        ),
    ];
    for (err, expected) in refusals {
        assert!(err.is_refusal(), "{err}");
        assert!(
            err.to_string().contains(expected),
            "'{err}' should contain '{expected}'"
        );
    }
    assert_eq!(snapshot(&l), before);
}

#[test]
fn overspending_is_accepted_with_a_warning() {
    let (_dir, l) = new_ledger();
    let outcome = l.pay(pay("P01", "600", "2021-06-01", "V1")).unwrap();
    assert!(matches!(&outcome.warnings[..], [Warning::Overspent { line, .. }] if line == "P01"));
    let report = l.report(Some(d("2021-12-31"))).unwrap();
    let p01 = report.lines.iter().find(|r| r.code == "P01").unwrap();
    assert!(p01.overspent);
    assert_eq!(p01.rate.unwrap().to_string(), "120.00");
    assert_eq!(p01.remaining, m("-100"));
}

#[test]
fn adjustments_and_transfers_move_budgets() {
    let (_dir, l) = new_ledger();
    l.adjust(NewAdjustment {
        line: "P01".into(),
        date: d("2021-07-01"),
        amount: m("250"),
        doc_no: "追加".into(),
        reason: "r".into(),
        batch_no: None,
        from_line: Some("B01".into()),
    })
    .unwrap();
    let june = l.report(Some(d("2021-06-30"))).unwrap();
    let dec = l.report(Some(d("2021-12-31"))).unwrap();
    let budget = |r: &outlay::domain::report::ExecutionReport, code: &str| {
        r.lines.iter().find(|x| x.code == code).unwrap().budget
    };
    assert_eq!(
        (budget(&june, "P01"), budget(&june, "B01")),
        (m("500"), m("1000"))
    );
    assert_eq!(
        (budget(&dec, "P01"), budget(&dec, "B01")),
        (m("750"), m("750"))
    );
    assert_eq!(dec.group("all").unwrap().budget, m("1500"));
    assert_eq!(
        dec.lines
            .iter()
            .find(|x| x.code == "P01")
            .unwrap()
            .allocated,
        m("500")
    );
    assert!(l.verify_totals().unwrap().is_empty());
}

#[test]
fn overdue_contract_instalments() {
    let (_dir, l) = new_ledger();
    for (due, amount) in [("2021-06-30", "200"), ("2021-11-30", "300")] {
        l.add_schedule_item(NewScheduleItem {
            line: "P01".into(),
            contract: "HT-1".into(),
            payee: "服务公司".into(),
            due: d(due),
            amount: m(amount),
            memo: String::new(),
        })
        .unwrap();
    }
    let mut p = pay("P01", "250", "2021-07-15", "V1");
    p.contract = Some("HT-1".into());
    l.pay(p).unwrap();
    let report = l.report(Some(d("2021-12-31"))).unwrap();
    assert_eq!(report.overdue.len(), 1);
    let o = &report.overdue[0];
    assert_eq!(
        (o.due, o.paid, o.outstanding, o.days_overdue),
        (d("2021-11-30"), m("50"), m("250"), 31)
    );
    // on 2021-07-01 the first instalment was overdue by one day and nothing paid
    let july1 = l.report(Some(d("2021-07-01"))).unwrap();
    assert_eq!(july1.overdue.len(), 1);
    assert_eq!(
        (july1.overdue[0].outstanding, july1.overdue[0].days_overdue),
        (m("200"), 1)
    );
}

/// How the summary and every screen judge an indicator, by the national rules.
fn judged(i: &outlay::domain::Indicator) -> Achievement {
    achievement(i, &outlay::domain::rules::ScoringRules::default())
}

#[test]
fn indicators_compute_or_take_the_users_mark() {
    let (_dir, l) = new_ledger();
    let i = l
        .add_indicator(NewIndicator {
            project: "project P01".into(),
            category: Category::Quantity,
            name: "队员人数".into(),
            target: "≥ 160 人".into(),
            weight: 20.into(),
            actual: None,
        })
        .unwrap();
    assert_eq!(judged(&i), Achievement::Open);
    let i = l
        .update_indicator(IndicatorUpdate {
            id: i.id,
            actual: Some("150 人".into()),
            deviation_reason: Some("招录未满".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(judged(&i), Achievement::NotAchieved);
    let q = l
        .add_indicator(NewIndicator {
            project: "project P01".into(),
            category: Category::Quality,
            name: "验收".into(),
            target: "通过验收".into(),
            weight: 10.into(),
            actual: Some("已通过".into()),
        })
        .unwrap();
    assert_eq!(judged(&q), Achievement::Open);
    let q = l
        .update_indicator(IndicatorUpdate {
            id: q.id,
            marked_met: Some(true),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(judged(&q), Achievement::Achieved);
    assert_eq!(l.indicators(Some("project P01".into())).unwrap().len(), 2);
    assert!(
        l.update_indicator(IndicatorUpdate {
            id: 77,
            ..Default::default()
        })
        .unwrap_err()
        .to_string()
        .contains("no indicator #77")
    );
}

#[test]
fn a_held_file_is_reported_plainly() {
    let (dir, _l) = new_ledger();
    let err = Ledger::open(&dir.path().join("l.redb"), "other")
        .err()
        .unwrap();
    assert!(
        err.to_string()
            .contains("is open in another outlay process"),
        "{err}"
    );
    let err = Ledger::create(
        &dir.path().join("l.redb"),
        FiscalYear::new(2021).unwrap(),
        "x",
        "y",
    )
    .err()
    .unwrap();
    assert!(err.to_string().contains("already exists"), "{err}");
    let err = Ledger::open(&dir.path().join("missing.redb"), "x")
        .err()
        .unwrap();
    assert!(err.to_string().contains("outlay init"), "{err}");
}

#[test]
fn a_file_that_is_not_a_ledger_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "hello").unwrap();
    let err = Ledger::open(&path, "x").err().unwrap();
    assert!(err.to_string().contains("is not an outlay ledger"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "hello");
}

#[derive(Debug, Clone)]
enum Op {
    Pay {
        line: bool,
        fen: i64,
        day: u32,
        contract: bool,
    },
    Reverse(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (any::<bool>(), 1i64..50_000_000, 0u32..365, any::<bool>()).prop_map(|(line, fen, day, contract)| Op::Pay { line, fen, day, contract }),
        1 => (0usize..100).prop_map(Op::Reverse),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn running_totals_always_equal_the_rebuilt_sums(ops in proptest::collection::vec(op(), 1..40)) {
        let (_dir, l) = new_ledger();
        let mut ids = Vec::new();
        let mut expected = Money::ZERO;
        for (n, op) in ops.into_iter().enumerate() {
            match op {
                Op::Pay { line, fen, day, contract } => {
                    let date = FiscalYear::new(2021).unwrap().first_day() + chrono::Days::new(day.into());
                    let mut p = pay(if line { "B01" } else { "P01" }, &Money::from_fen(fen).plain(), &date.to_string(), &format!("V{n}"));
                    p.contract = contract.then(|| "HT".to_string());
                    let out = l.pay(p).unwrap();
                    expected += out.disbursement.amount;
                    ids.push(out.disbursement.id);
                }
                Op::Reverse(k) if !ids.is_empty() => {
                    let id = ids[k % ids.len()];
                    if let Ok(rev) = l.reverse(Reversal { id, reason: "r".into(), date: Some(d("2021-12-31")), voucher: None }) {
                        expected += rev.amount;
                    }
                }
                Op::Reverse(_) => {}
            }
        }
        prop_assert!(l.verify_totals().unwrap().is_empty());
        let report = l.report(Some(d("2021-12-31"))).unwrap();
        prop_assert_eq!(report.group("all").unwrap().spent, expected);
        let months: Money = report.months.iter().sum();
        prop_assert_eq!(months, expected);
    }
}

#[test]
fn refusal_type_names_the_field() {
    let (_dir, l) = new_ledger();
    match l
        .pay(pay("B01", "5", "2021-01-01", "has space"))
        .unwrap_err()
    {
        Error::Refused(r) => assert_eq!(r.field_name(), "voucher"),
        other => panic!("unexpected {other}"),
    }
    assert!(matches!(
        l.pay(pay("NOPE", "5", "2021-01-01", "V")).unwrap_err(),
        Error::Refused(Refusal::UnknownLine(_))
    ));
}

#[test]
fn a_voucher_repeated_within_an_import_is_skipped_when_identical_and_refused_when_not() {
    let (_dir, l) = new_ledger();
    let row = |number, value| Row { number, value };
    let rows = vec![
        row(2, pay("B01", "10", "2021-03-01", "V1")),
        row(3, pay("B01", "10", "2021-03-01", "V1")),
    ];
    let summary = l.import_disbursements(rows, "twice.csv".into()).unwrap();
    assert_eq!((summary.added, summary.already_present), (1, 1));
    let before = snapshot(&l);
    let rows = vec![
        row(2, pay("B01", "5", "2021-03-02", "V2")),
        row(3, pay("B01", "6", "2021-03-02", "V2")),
    ];
    let err = l
        .import_disbursements(rows, "conflict.csv".into())
        .unwrap_err();
    assert!(matches!(err, Error::ImportRow { row: 3, .. }), "{err}");
    assert!(
        err.to_string()
            .contains("conflicts with row 2 of this file"),
        "{err}"
    );
    assert_eq!(snapshot(&l), before);
}

fn adjustment(line: &str, amount: &str, date: &str, from: Option<&str>) -> NewAdjustment {
    NewAdjustment {
        line: line.into(),
        date: d(date),
        amount: m(amount),
        doc_no: "doc".into(),
        reason: "r".into(),
        batch_no: None,
        from_line: from.map(String::from),
    }
}

#[test]
fn a_budget_is_never_negative_on_any_day() {
    let (_dir, l) = new_ledger();
    l.adjust(adjustment("B01", "500", "2021-06-01", None))
        .unwrap();
    // −1200 in March: the year-end budget would be 300, but in March −200
    let err = l
        .adjust(adjustment("B01", "-1200", "2021-03-01", None))
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("would make the budget of line B01 negative"),
        "{err}"
    );
    l.adjust(adjustment("B01", "-1200", "2021-07-01", None))
        .unwrap();
    for as_of in ["2021-01-31", "2021-03-31", "2021-06-30", "2021-12-31"] {
        let report = l.report(Some(d(as_of))).unwrap();
        assert!(
            !report.lines.iter().any(|r| r.budget.is_negative()),
            "{as_of}"
        );
    }
}

#[test]
fn an_adjustment_dated_before_its_lines_allocation_counts_from_the_allocation() {
    let (_dir, l) = new_ledger();
    // P01 is allocated on 2021-03-01 here; a transfer into it is dated 02-01
    let mut p02 = line("P02", Kind::Project, Source::Supplementary, "100");
    p02.allocated_on = d("2021-03-01");
    l.add_line(p02).unwrap();
    l.adjust(adjustment("P02", "50", "2021-02-01", Some("B01")))
        .unwrap();
    let feb = l.report(Some(d("2021-02-15"))).unwrap();
    // nothing of the transfer shows before P02 exists, on either side
    let b01 = feb.lines.iter().find(|r| r.code == "B01").unwrap();
    assert_eq!(b01.budget, m("1000"));
    assert_eq!(
        feb.group("all").unwrap().budget,
        feb.group("all").unwrap().allocated
    );
    let march = l.report(Some(d("2021-03-01"))).unwrap();
    let budget = |code: &str| march.lines.iter().find(|r| r.code == code).unwrap().budget;
    assert_eq!((budget("B01"), budget("P02")), (m("950"), m("150")));
}

#[test]
fn totals_beyond_what_outlay_accepts_are_refused_and_the_ledger_stays_readable() {
    let (_dir, l) = new_ledger();
    l.adjust(adjustment("B01", "9000000000000", "2021-02-01", None))
        .unwrap();
    let err = l
        .adjust(adjustment("B01", "9000000000000", "2021-02-01", None))
        .unwrap_err();
    assert!(err.to_string().contains("would exceed 10^13"), "{err}");
    let big = pay("B01", "9999999999999", "2021-03-01", "V1");
    l.pay(big).unwrap();
    let err = l
        .pay(pay("B01", "9999999999999", "2021-03-02", "V2"))
        .unwrap_err();
    assert!(err.to_string().contains("would exceed 10^13"), "{err}");
    assert!(l.report(None).is_ok());
    assert!(l.verify_totals().unwrap().is_empty());
}

#[test]
fn a_reimported_voucher_with_other_content_is_a_conflict() {
    let (_dir, l) = new_ledger();
    let row = |number, value| Row { number, value };
    l.import_disbursements(
        vec![row(2, pay("B01", "10", "2021-03-01", "V1"))],
        "a.csv".into(),
    )
    .unwrap();
    let mut changed = pay("B01", "10", "2021-03-01", "V1");
    changed.payee = "另一公司".into();
    let err = l
        .import_disbursements(vec![row(2, changed)], "b.csv".into())
        .unwrap_err();
    assert!(
        err.to_string().contains("conflicts with disbursement #1"),
        "{err}"
    );
    let mut contract = pay("B01", "10", "2021-03-01", "V1");
    contract.contract = Some("HT-9".into());
    assert!(
        l.import_disbursements(vec![row(2, contract)], "c.csv".into())
            .is_err()
    );
}

fn weights(parts: [i64; 4]) -> Weights {
    let [execution, output, effect, satisfaction] = parts.map(Decimal::from);
    Weights {
        execution,
        output,
        effect,
        satisfaction,
    }
}

/// Every setting and note, to prove a refusal changed none of them.
fn settings_snapshot(l: &Ledger) -> String {
    format!(
        "{:?}|{:?}|{:?}|{}",
        l.line_settings().unwrap(),
        l.project_settings().unwrap(),
        l.notes().unwrap(),
        l.events(1000).unwrap().len()
    )
}

#[test]
fn settings_round_trip_survive_reopening_and_default_for_new_lines() {
    let (dir, l) = new_ledger();
    let lines = l.line_settings().unwrap();
    assert_eq!(lines.keys().collect::<Vec<_>>(), ["B01", "P01"]);
    assert!(lines.values().all(|s| *s == LineSettings::default()));
    let projects = l.project_settings().unwrap();
    assert_eq!(projects.keys().collect::<Vec<_>>(), ["project P01"]);
    assert_eq!(projects["project P01"], ProjectSettings::default());
    assert_eq!(
        projects["project P01"].weights,
        weights([10, 50, 30, 10]),
        "the national split by default"
    );
    assert!(l.notes().unwrap().is_empty());

    let lump = LineSettings {
        paced: false,
        carry_over: true,
        tags: Default::default(),
    };
    l.set_line_settings("P01".into(), lump.clone()).unwrap();
    let sichuan = weights([10, 60, 30, 0]);
    l.set_project_weights("project P01".into(), sichuan)
        .unwrap();
    l.set_project_reason(" project P01 ".into(), Some("  资金12月才下达\n".into()))
        .unwrap();
    l.set_note(
        NoteSection::Problems,
        Some("一、资金下达较晚\n二、合同未按期支付".into()),
    )
    .unwrap();
    l.set_note(NoteSection::Conclusion, Some("自评等级：良".into()))
        .unwrap();
    l.set_note(NoteSection::Conclusion, Some("  ".into()))
        .unwrap(); // blank clears
    l.add_line(line("P02", Kind::Project, Source::Carryover, "80"))
        .unwrap();
    let path = dir.path().join("l.redb");
    drop(l);

    let l = Ledger::open(&path, "tester").unwrap();
    let lines = l.line_settings().unwrap();
    assert_eq!(lines["P01"], lump);
    assert_eq!(
        lines["P02"],
        LineSettings::default(),
        "a new line has the defaults"
    );
    assert_eq!(lines["B01"], LineSettings::default());
    let projects = l.project_settings().unwrap();
    assert_eq!(
        projects["project P01"],
        ProjectSettings {
            weights: sichuan,
            reason: Some("资金12月才下达".into()),
        }
    );
    assert_eq!(projects["project P02"], ProjectSettings::default());
    let notes = l.notes().unwrap();
    assert_eq!(
        notes.into_iter().collect::<Vec<_>>(),
        vec![(
            NoteSection::Problems,
            "一、资金下达较晚\n二、合同未按期支付".to_string()
        )]
    );
    // clearing the reason keeps the weights
    l.set_project_reason("project P01".into(), None).unwrap();
    assert_eq!(
        l.project_settings().unwrap()["project P01"],
        ProjectSettings {
            weights: sichuan,
            reason: None,
        }
    );
    // every change is in the event log, under who made it
    let events = l.events(100).unwrap();
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    for action in [
        "line.settings",
        "project.weights",
        "project.reason",
        "note.set",
        "note.clear",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    assert!(events.iter().all(|e| e.who == "tester"));
    let line_event = events.iter().find(|e| e.action == "line.settings").unwrap();
    assert_eq!(
        (line_event.subject.as_str(), line_event.detail.as_str()),
        ("P01", "P01: paced off, carry-over on, tags []")
    );
}

#[test]
fn an_unpaced_line_is_never_lagging_in_the_report_or_the_review() {
    let (_dir, l) = new_ledger();
    // 30 June, nothing paid: both lines are behind 49.59% (by day) and 50% (by month)
    let report = l.report(Some(d("2021-06-30"))).unwrap();
    assert!(report.lines.iter().all(|r| r.lagging && r.paced));
    l.set_line_settings(
        "P01".into(),
        LineSettings {
            paced: false,
            carry_over: false,
            tags: Default::default(),
        },
    )
    .unwrap();
    let report = l.report(Some(d("2021-06-30"))).unwrap();
    let row = |code: &str| report.lines.iter().find(|r| r.code == code).unwrap();
    assert!(row("B01").lagging);
    assert!(!row("P01").lagging && !row("P01").paced);
    assert_eq!(report.line_pace(row("P01")), Pace::Unpaced);
    // the project and the groups keep time-proportional pacing
    assert_eq!(report.project_pace(&report.projects[0]), Pace::Lagging);
    assert_eq!(
        report.pace_of(report.group("project").unwrap()),
        Pace::Lagging
    );

    let review = l.review(6, 30).unwrap();
    let p01 = review.lines.iter().find(|r| r.code == "P01").unwrap();
    assert_eq!(
        (p01.expectation, p01.expected, p01.gap, p01.lagging),
        (Expectation::Unpaced, None, None, false)
    );
    assert_eq!(
        review
            .lagging()
            .map(|r| r.code.as_str())
            .collect::<Vec<_>>(),
        ["B01"]
    );
}

#[test]
fn settings_refusals_name_the_field_and_store_nothing() {
    let (dir, l) = new_ledger();
    l.set_project_reason("project P01".into(), Some("原因".into()))
        .unwrap();
    let before = settings_snapshot(&l);
    let field = |e: Error| match e {
        Error::Refused(r) => (r.field_name().to_string(), r.to_string()),
        other => panic!("unexpected {other}"),
    };
    let refusals = vec![
        (
            l.set_line_settings("ZZ".into(), LineSettings::default()),
            "line",
            "no budget line has the code 'ZZ'",
        ),
        (
            l.set_project_weights("project P01".into(), weights([10, -10, 90, 10])),
            "weights",
            "the output weight -10 is negative",
        ),
        (
            l.set_project_weights("project P01".into(), weights([10, 50, 30, 0])),
            "weights",
            "weights: add up to 90, not 100",
        ),
        (
            l.set_project_weights("nope".into(), weights([10, 50, 30, 10])),
            "project",
            "no project line funds a project named 'nope'",
        ),
        (
            l.set_project_reason("nope".into(), Some("x".into())),
            "project",
            "'nope'",
        ),
        (
            l.set_project_reason("project P01".into(), Some("长".repeat(20_001))),
            "reason",
            "at most 20000",
        ),
        (
            l.set_note(NoteSection::Problems, Some("问".repeat(20_001))),
            "text",
            "at most 20000",
        ),
        (
            l.set_note(NoteSection::Problems, Some("a\u{7}b".into())),
            "text",
            "control character",
        ),
    ];
    for (outcome, expected_field, expected_text) in refusals {
        let (field, message) = field(outcome.unwrap_err());
        assert_eq!(field, expected_field, "{message}");
        assert!(
            message.contains(expected_text),
            "'{message}' should contain '{expected_text}'"
        );
    }
    assert_eq!(settings_snapshot(&l), before);

    // a clerk writes prose; only an admin changes how lines are paced and weighted
    l.grant("clerk".into(), Role::Clerk).unwrap();
    l.grant("viewer".into(), Role::Viewer).unwrap();
    let path = dir.path().join("l.redb");
    drop(l);
    let clerk = Ledger::open(&path, "clerk").unwrap();
    clerk
        .set_note(NoteSection::Improvements, Some("加快支付进度".into()))
        .unwrap();
    clerk
        .set_project_reason("project P01".into(), Some("合同尚未到期".into()))
        .unwrap();
    let needs_admin = [
        clerk.set_line_settings("P01".into(), LineSettings::default()),
        clerk.set_project_weights("project P01".into(), weights([10, 50, 30, 10])),
    ];
    for outcome in needs_admin {
        let (field, message) = field(outcome.unwrap_err());
        assert_eq!(field, "role");
        assert!(message.contains("needs the admin role"), "{message}");
    }
    drop(clerk);
    let viewer = Ledger::open(&path, "viewer").unwrap();
    assert_eq!(viewer.notes().unwrap().len(), 1);
    let (field, _) = field(
        viewer
            .set_note(NoteSection::Problems, Some("x".into()))
            .unwrap_err(),
    );
    assert_eq!(field, "role");
}

#[test]
fn year_close_carries_the_marked_lines_unless_lines_are_named() {
    let (dir, l) = new_ledger();
    l.pay(pay("P01", "200", "2021-05-01", "V1")).unwrap();
    let next = dir.path().join("2022.redb");
    let err = l.close_year_into(&next, &[], "tester").err().unwrap();
    match err {
        Error::Refused(r) => {
            assert_eq!(r.field_name(), "carry");
            assert!(
                r.to_string().contains("outlay line set CODE --carry on"),
                "{r}"
            );
        }
        other => panic!("unexpected {other}"),
    }
    assert!(!next.exists(), "a refused close creates nothing");

    let marked = LineSettings {
        paced: true,
        carry_over: true,
        tags: Default::default(),
    };
    l.set_line_settings("P01".into(), marked.clone()).unwrap();
    let carried = |ledger: &Ledger| -> Vec<(String, Source, Money)> {
        ledger
            .lines()
            .unwrap()
            .into_iter()
            .map(|line| (line.code, line.source, line.allocated))
            .collect()
    };
    let next_year = l.close_year_into(&next, &[], "tester").unwrap();
    // P01: 500 − 200 unspent
    assert_eq!(
        carried(&next_year),
        vec![("P01".to_string(), Source::Carryover, m("300"))]
    );
    // lines named on the command line win over the marks
    let named = dir.path().join("named.redb");
    let named_year = l
        .close_year_into(&named, &["B01".into()], "tester")
        .unwrap();
    assert_eq!(
        carried(&named_year),
        vec![("B01".to_string(), Source::Carryover, m("1000"))]
    );
}

#[test]
fn cumulative_execution_is_the_rate_each_month_ends_report_shows() {
    use outlay::domain::cumulative::cumulative_rates;
    let dir = tempfile::tempdir().unwrap();
    let l = Ledger::create_demo(&dir.path().join("demo.redb"), "tester").unwrap();
    let year = l.year();
    let whole = cumulative_rates(&l.monthly_execution(None).unwrap());
    let projects = l.projects().unwrap();
    let by_project: Vec<_> = projects
        .iter()
        .map(|p| cumulative_rates(&l.monthly_execution(Some(p.clone())).unwrap()))
        .collect();
    for month in 1..=12u32 {
        let report = l.report(year.month_end(month)).unwrap();
        assert_eq!(
            whole[month as usize - 1],
            report.group("all").unwrap().rate,
            "the whole year at the end of month {month}"
        );
        for (project, rates) in projects.iter().zip(&by_project) {
            let row = report.projects.iter().find(|r| &r.project == project);
            assert_eq!(
                rates[month as usize - 1],
                row.and_then(|r| r.figures.rate),
                "{project} at the end of month {month}"
            );
        }
    }
    // the demo year ends at 57.19%, as the Overview's gauge says
    assert_eq!(whole[11], Some("57.19".parse().unwrap()));
}

/// Entries logged out of date order on two lines, listed in pages.
#[test]
fn pages_of_the_journal_and_of_a_line_follow_one_another_in_date_order() {
    let (_dir, l) = new_ledger();
    // ids 1..=9; dates not in id order, two entries on one day
    let dated = [
        ("B01", "2021-03-05"),
        ("P01", "2021-01-10"),
        ("B01", "2021-01-20"),
        ("B01", "2021-06-30"),
        ("P01", "2021-03-05"),
        ("B01", "2021-02-01"),
        ("B01", "2021-03-05"),
        ("P01", "2021-12-31"),
        ("B01", "2021-02-28"),
    ];
    for (n, (code, date)) in dated.iter().enumerate() {
        l.pay(pay(code, "1", date, &format!("V{n}"))).unwrap();
    }
    let list = |query: DisbursementQuery| -> Vec<u64> {
        l.disbursements(query)
            .unwrap()
            .iter()
            .map(|e| e.id)
            .collect()
    };
    // the whole journal, newest first: by date, then by id
    let newest = DisbursementQuery {
        newest_first: true,
        ..DisbursementQuery::default()
    };
    assert_eq!(list(newest.clone()), [8, 4, 7, 5, 1, 9, 6, 3, 2]);
    // pages of 2 put back together are the same listing, in either order
    for newest_first in [true, false] {
        for line in [None, Some("B01".to_string())] {
            let whole = list(DisbursementQuery {
                newest_first,
                line: line.clone(),
                ..DisbursementQuery::default()
            });
            let mut paged = Vec::new();
            let mut after = None;
            loop {
                let page = l
                    .disbursements(DisbursementQuery {
                        newest_first,
                        line: line.clone(),
                        limit: Some(2),
                        after,
                        ..DisbursementQuery::default()
                    })
                    .unwrap();
                let Some(last) = page.last() else { break };
                after = Some(last.id);
                paged.extend(page.iter().map(|e| e.id));
            }
            assert_eq!(paged, whole, "newest first {newest_first}, line {line:?}");
        }
    }
    // a line in date order, not id order, up to a date
    let b01 = DisbursementQuery {
        line: Some("B01".into()),
        until: Some(d("2021-03-05")),
        ..DisbursementQuery::default()
    };
    assert_eq!(list(b01.clone()), [3, 6, 9, 1, 7]);
    // a month, its page after a cursor; a cursor past either end leaves nothing
    let march = DisbursementQuery {
        month: Some((2021, 3)),
        newest_first: true,
        ..DisbursementQuery::default()
    };
    assert_eq!(list(march.clone()), [7, 5, 1]);
    assert_eq!(
        list(DisbursementQuery {
            after: Some(5),
            ..march.clone()
        }),
        [1]
    );
    assert_eq!(
        list(DisbursementQuery {
            after: Some(8),
            ..march.clone()
        }),
        [7, 5, 1],
        "a cursor after the month starts from its newest"
    );
    assert!(
        list(DisbursementQuery {
            after: Some(99),
            ..march.clone()
        })
        .is_empty(),
        "an entry not stored has nothing after it"
    );
    assert!(
        list(DisbursementQuery {
            after: Some(1),
            ..march
        })
        .is_empty()
    );
    // a text filter reads on until the page is full
    assert_eq!(
        list(DisbursementQuery {
            text: Some("v1".into()),
            limit: Some(1),
            ..newest
        }),
        [2],
        "V1 is entry 2, the only voucher containing v1"
    );
}

/// Every order of the journal covers the whole year from its own index:
/// the same entries as sorting them all, in pages that follow one another,
/// under a line, a month or a text filter.
#[test]
fn the_journal_sorts_the_whole_year_in_every_order_a_page_at_a_time() {
    let (_dir, l) = new_ledger();
    let payees = ["乙公司", "甲公司", "丙公司", "甲公司"];
    for n in 0..23u32 {
        let line = if n % 3 == 0 { "P01" } else { "B01" };
        let date = format!("2021-{:02}-{:02}", 1 + n % 5, 1 + (n * 7) % 27);
        let mut entry = pay(
            line,
            &format!("{}.{:02}", 5 + (n * 37) % 11, n),
            &date,
            // V5 on P01 and on B01: one voucher on two lines
            &format!("{}{}", if n % 3 == 2 { "W" } else { "V" }, (n / 3 * 5) % 8),
        );
        entry.payee = payees[n as usize % 4].into();
        entry.memo = if n % 4 == 1 {
            "培训".into()
        } else {
            String::new()
        };
        l.pay(entry).unwrap();
    }
    let all = l.disbursements(DisbursementQuery::default()).unwrap();
    assert_eq!(all.len(), 23);
    type Key = (String, i128, u64);
    let key_of = |order: JournalOrder, d: &outlay::domain::Disbursement| -> Key {
        match order {
            JournalOrder::Date => (String::new(), d.date.num_days_from_ce().into(), d.id),
            JournalOrder::Entered => (String::new(), 0, d.id),
            JournalOrder::Line => (d.line.clone(), d.date.num_days_from_ce().into(), d.id),
            JournalOrder::Payee => (d.payee.clone(), 0, d.id),
            // by voucher, then line: "\0" sorts before any character
            JournalOrder::Voucher => (format!("{}\0{}", d.voucher, d.line), 0, 0),
        }
    };
    let orders = [
        JournalOrder::Date,
        JournalOrder::Entered,
        JournalOrder::Line,
        JournalOrder::Payee,
        JournalOrder::Voucher,
    ];
    let filters = [
        DisbursementQuery::default(),
        DisbursementQuery {
            line: Some("B01".into()),
            ..DisbursementQuery::default()
        },
        DisbursementQuery {
            month: Some((2021, 3)),
            ..DisbursementQuery::default()
        },
        DisbursementQuery {
            text: Some("培训".into()),
            until: Some(d("2021-04-15")),
            ..DisbursementQuery::default()
        },
    ];
    for order in orders {
        for filter in &filters {
            for newest_first in [false, true] {
                let query = DisbursementQuery {
                    order,
                    newest_first,
                    ..filter.clone()
                };
                let mut expected: Vec<&outlay::domain::Disbursement> = all
                    .iter()
                    .filter(|d| filter.line.as_ref().is_none_or(|line| &d.line == line))
                    .filter(|d| {
                        filter
                            .month
                            .is_none_or(|(y, m)| (d.date.year(), d.date.month()) == (y, m))
                    })
                    .filter(|d| filter.until.is_none_or(|until| d.date <= until))
                    .filter(|d| {
                        filter
                            .text
                            .as_ref()
                            .is_none_or(|t| d.memo.contains(t.as_str()))
                    })
                    .collect();
                expected.sort_by_key(|d| key_of(order, d));
                if newest_first {
                    expected.reverse();
                }
                let expected: Vec<u64> = expected.iter().map(|d| d.id).collect();
                assert!(!expected.is_empty(), "{query:?} selects something");
                let whole: Vec<u64> = l
                    .disbursements(query.clone())
                    .unwrap()
                    .iter()
                    .map(|d| d.id)
                    .collect();
                assert_eq!(whole, expected, "{query:?}");
                let mut paged = Vec::new();
                let mut after = None;
                loop {
                    let page = l
                        .disbursements(DisbursementQuery {
                            limit: Some(3),
                            after,
                            ..query.clone()
                        })
                        .unwrap();
                    let Some(last) = page.last() else { break };
                    after = Some(last.id);
                    paged.extend(page.iter().map(|d| d.id));
                }
                assert_eq!(paged, expected, "pages of {query:?}");
            }
        }
    }
}
