//! Re-imports across a month close, header-only files, and year close as the
//! old ledger records it.

mod common;

use common::Env;

const HEADER: &str = "date,line,amount,payee,voucher,memo\n";

fn events(env: &Env) -> Vec<String> {
    env.run(&["list", "events", "--format", "csv"])
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn an_overlapping_reimport_after_a_month_close_skips_the_closed_months_stored_rows() {
    let env = Env::new();
    env.small_year();
    let march = "2021-03-01,B01,100.00,甲,V1,\n";
    let april = "2021-04-01,B01,200.00,乙,V2,\n";
    let first = env.write("march-april.csv", format!("{HEADER}{march}{april}"));
    env.run(&["import", "disbursements", first.to_str().unwrap()]);
    env.run(&["month", "close", "2021-03"]);
    let overlapping = env.write(
        "overlap.csv",
        format!("{HEADER}{march}{april}2021-04-15,B01,300.00,丙,V3,\n"),
    );
    let out = env.run(&["import", "disbursements", overlapping.to_str().unwrap()]);
    assert!(out.contains("1 new, 2 already present"), "{out}");
    // a new row in the closed month is still refused, naming its row
    let new_in_march = env.write(
        "late.csv",
        format!("{HEADER}{march}2021-03-20,B01,5.00,丁,V4,\n"),
    );
    let err = env.refused(&["import", "disbursements", new_in_march.to_str().unwrap()]);
    assert!(err.contains("row 3") && err.contains("closed"), "{err}");
    assert_eq!(env.report()["lines"][0]["spent"], "600.00");
}

#[test]
fn a_header_only_file_is_a_no_op_with_no_event() {
    let env = Env::new();
    env.small_year();
    let before = events(&env);
    for (kind, header) in [
        ("disbursements", HEADER),
        ("schedule", "line,contract,payee,due,amount\n"),
    ] {
        let file = env.write(&format!("{kind}.csv"), header);
        let out = env.run(&["import", kind, file.to_str().unwrap()]);
        assert!(out.contains("0 new, 0 already present"), "{kind}: {out}");
    }
    assert_eq!(events(&env), before, "no audit event for an empty file");
}

fn close(env: &Env, today: &str, args: &[&str]) -> std::process::Output {
    env.outlay()
        .env("OUTLAY_TODAY", today)
        .args(["year", "close"])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn closing_the_year_early_needs_force_and_the_old_ledger_logs_the_close() {
    let env = Env::new();
    env.small_year();
    let next = env.dir.path().join("2022.redb");
    let into = next.to_str().unwrap();
    let early = close(&env, "2021-09-30", &["--into", into, "--carry", "P01"]);
    let stderr = String::from_utf8_lossy(&early.stderr);
    assert_eq!(early.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("runs until 2021-12-31") && stderr.contains("--force"),
        "{stderr}"
    );
    assert!(!next.exists(), "a refused close makes nothing");
    let zh = env
        .outlay()
        .env("OUTLAY_TODAY", "2021-09-30")
        .args([
            "--lang", "zh", "year", "close", "--into", into, "--carry", "P01",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&zh.stderr).contains("预算年度至 2021-12-31 结束"));

    let forced = close(
        &env,
        "2021-09-30",
        &["--into", into, "--carry", "P01", "--force"],
    );
    let stderr = String::from_utf8_lossy(&forced.stderr);
    assert!(forced.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: fiscal year 2021 runs until"),
        "{stderr}"
    );
    let log = events(&env);
    let close_event = log
        .iter()
        .find(|e| e.contains("year.close"))
        .expect("a year.close event");
    assert!(
        close_event.contains(into) && close_event.contains("1 carry-over lines"),
        "{close_event}"
    );
}

#[test]
fn carrying_a_line_with_nothing_left_says_so() {
    let env = Env::new();
    env.small_year();
    env.run(&[
        "pay",
        "P01",
        "500000",
        "--date",
        "2021-06-01",
        "--payee",
        "甲",
        "--voucher",
        "V1",
    ]);
    let next = env.dir.path().join("2022.redb");
    let out = close(
        &env,
        "2022-01-05",
        &["--into", next.to_str().unwrap(), "--carry", "P01,B01"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("line P01 has nothing left to carry over") && !stderr.contains("B01"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("warning"),
        "at year end no warning: {stderr}"
    );
}

#[test]
fn only_an_admin_closes_the_year_since_the_old_ledger_logs_it() {
    let env = Env::new();
    env.small_year();
    env.run(&["user", "grant", "obd-clerk", "clerk"]);
    let clerk = outlay::Ledger::open(&env.db(), "obd-clerk").unwrap();
    let next = env.dir.path().join("2022.redb");
    let err = clerk
        .close_year_into(&next, &["B01".into()], "obd-clerk")
        .err()
        .unwrap();
    assert!(err.to_string().contains("needs the admin role"), "{err}");
    assert!(!next.exists(), "nothing made");
}
