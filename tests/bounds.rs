//! Bounds every path keeps: amounts under 10^13 元 through the CLI, CSV and the
//! socket's calls.

mod common;

use common::{Env, line_in};
use outlay::domain::input::NewScheduleItem;
use outlay::domain::{Money, money::MAX_AMOUNT};
use outlay::ledger::{Call, LocalLedger};
use rust_decimal::Decimal;

const HUGE: &str = "79228162514264337593543950335";
const AT_BOUND: &str = "10000000000000";
const UNDER_BOUND: &str = "9999999999999.99";

fn pay<'a>(line: &'a str, amount: &'a str, voucher: &'a str) -> Vec<&'a str> {
    vec![
        "pay",
        line,
        amount,
        "--date",
        "2021-06-01",
        "--payee",
        "甲",
        "--voucher",
        voucher,
    ]
}

fn line_add<'a>(code: &'a str, amount: &'a str) -> Vec<&'a str> {
    vec![
        "line",
        "add",
        "--code",
        code,
        "--name",
        "大额",
        "--kind",
        "basic",
        "--econ-class",
        "goods",
        "--amount",
        amount,
    ]
}

fn adjust<'a>(line: &'a str, amount: &'a str) -> Vec<&'a str> {
    vec![
        "adjust",
        line,
        amount,
        "--date",
        "2021-06-01",
        "--doc",
        "文1",
        "--reason",
        "r",
    ]
}

fn schedule_add(amount: &str) -> Vec<&str> {
    vec![
        "schedule",
        "add",
        "P01",
        amount,
        "--due",
        "2021-09-30",
        "--contract",
        "HT-9",
        "--payee",
        "服务公司",
    ]
}

#[test]
fn an_amount_past_the_bound_is_refused_naming_its_field_on_every_command() {
    let env = Env::new();
    env.small_year();
    let before = env.run(&["report", "--as-of", "2021-12-31", "--format", "json"]);
    for args in [
        schedule_add(HUGE),
        schedule_add(AT_BOUND),
        pay("B01", AT_BOUND, "V1"),
        pay("B01", "-10000000000000", "V1"),
        adjust("B01", AT_BOUND),
        adjust("B01", "-10000000000000"),
        line_add("Z1", AT_BOUND),
    ] {
        let err = env.refused(&args);
        assert!(err.contains("amount"), "{args:?}: {err}");
    }
    let bad_csv = env.write(
        "big.csv",
        format!("date,line,amount,payee,voucher,memo\n2021-03-01,B01,{AT_BOUND},甲,V1,\n"),
    );
    let err = env.refused(&["import", "disbursements", bad_csv.to_str().unwrap()]);
    assert!(err.contains("row 2") && err.contains("amount"), "{err}");
    assert_eq!(
        env.run(&["report", "--as-of", "2021-12-31", "--format", "json"]),
        before,
        "nothing stored"
    );
    env.run(&["check"]);
}

#[test]
fn an_amount_just_under_the_bound_is_accepted_and_every_report_reads_it() {
    let env = Env::new();
    env.small_year();
    env.run(&line_add("Z1", UNDER_BOUND));
    env.run(&line_add("Z0", "0"));
    env.run(&adjust("Z0", UNDER_BOUND));
    env.run(&pay("B01", UNDER_BOUND, "V1"));
    env.run(&schedule_add(UNDER_BOUND));
    for args in [
        &["report"][..],
        &["review", "--month", "2021-06"],
        &["summary"],
        &["check"],
        &["list", "schedule"],
    ] {
        env.run(args);
    }
    let report = env.report();
    assert_eq!(line_in(&report, "Z1")["budget"], UNDER_BOUND);
}

fn huge_instalment() -> NewScheduleItem {
    NewScheduleItem {
        line: "P01".into(),
        contract: "HT-9".into(),
        payee: "服务公司".into(),
        due: "2021-09-30".parse().unwrap(),
        amount: Money::from_decimal(Decimal::MAX).unwrap(),
        memo: String::new(),
    }
}

#[test]
fn a_call_off_the_wire_with_a_huge_amount_is_refused_by_the_ledger() {
    let env = Env::new();
    env.small_year();
    let ledger = LocalLedger::open(&env.db(), &outlay::identity::current_user()).unwrap();
    // The server decodes each request into a Call and dispatches it; Money
    // decodes any decimal, so the bound is the ledger's to keep.
    let wire = serde_json::to_string(&Call::add_schedule_item {
        request: huge_instalment(),
    })
    .unwrap();
    assert!(wire.contains(HUGE), "{wire}");
    for _ in 0..2 {
        let call: Call = serde_json::from_str(&wire).unwrap();
        let err = ledger.dispatch(call).unwrap_err();
        assert!(
            err.to_string().starts_with("amount: ") && err.to_string().contains("10^13"),
            "{err}"
        );
    }
    let mut just_under = huge_instalment();
    just_under.amount = Money::from_decimal(MAX_AMOUNT.as_decimal() - Decimal::new(1, 2)).unwrap();
    // two of them, as the attack stored: every read still answers
    ledger.add_schedule_item(just_under.clone()).unwrap();
    ledger.add_schedule_item(just_under).unwrap();
    assert!(ledger.report(None).is_ok() && ledger.summary(None).is_ok());
    assert!(ledger.review(6, 30).is_ok());
    assert!(ledger.verify_totals().unwrap().is_empty());
}

/// Rewrites the amount of every stored schedule item, as a hand edit of the
/// file (or an older outlay, which took any amount off the socket) leaves it.
fn plant_schedule_amount(db: &std::path::Path, amount: &str) {
    use redb::{ReadableDatabase, ReadableTable};
    let db = redb::Database::open(db).unwrap();
    let txn = db.begin_write().unwrap();
    {
        let mut table = txn.open_table(outlay::store::tables::SCHEDULE).unwrap();
        let items: Vec<(u64, serde_json::Value)> = table
            .iter()
            .unwrap()
            .map(|e| {
                let (k, v) = e.unwrap();
                (k.value(), serde_json::from_slice(v.value()).unwrap())
            })
            .collect();
        for (id, mut item) in items {
            item["amount"] = amount.into();
            table
                .insert(id, serde_json::to_vec(&item).unwrap().as_slice())
                .unwrap();
        }
    }
    txn.commit().unwrap();
    let _ = db.begin_read();
}

#[test]
fn a_stored_amount_past_the_bound_is_named_by_check_and_stops_no_report_with_a_panic() {
    let env = Env::new();
    env.small_year();
    for contract in ["HT-1", "HT-2"] {
        env.run(&[
            "schedule",
            "add",
            "P01",
            "100",
            "--due",
            "2021-09-30",
            "--contract",
            contract,
            "--payee",
            "服务公司",
        ]);
    }
    plant_schedule_amount(&env.db(), HUGE);
    let err = env.refused(&["check"]);
    assert!(
        err.contains("record #1 of table 'schedule' has amount 79228162514264337593543950335"),
        "{err}"
    );
    // every report says so too, with exit 1, never a panic (101)
    for args in [
        &["report"][..],
        &["summary"],
        &["review", "--month", "2021-09"],
    ] {
        let err = env.refused(args);
        assert!(err.contains("table 'schedule'"), "{args:?}: {err}");
    }
}

#[test]
fn decimals_off_the_wire_past_any_sense_are_refused_not_overflowed() {
    use outlay::domain::input::IndicatorUpdate;
    use outlay::domain::settings::Weights;
    let env = Env::new();
    env.small_year();
    let ledger = LocalLedger::open(&env.db(), &outlay::identity::current_user()).unwrap();
    let off_the_wire = |call: Call| {
        let wire = serde_json::to_string(&call).unwrap();
        ledger
            .dispatch(serde_json::from_str(&wire).unwrap())
            .unwrap_err()
            .to_string()
    };
    let weights = Weights {
        execution: Decimal::MAX,
        output: Decimal::MAX,
        effect: Decimal::MAX,
        satisfaction: Decimal::MAX,
    };
    let err = off_the_wire(Call::set_project_weights {
        project: "救援队".into(),
        weights,
    });
    assert!(err.starts_with("weights: "), "{err}");
    let err = off_the_wire(Call::set_tolerance {
        points: Decimal::MIN,
    });
    assert!(err.starts_with("tolerance: "), "{err}");
    let err = off_the_wire(Call::update_indicator {
        update: IndicatorUpdate {
            id: 1,
            weight: Some(Decimal::MAX),
            ..Default::default()
        },
    });
    assert!(err.starts_with("weight: "), "{err}");
    assert!(ledger.summary(None).is_ok());
}
