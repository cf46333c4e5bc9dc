//! `outlay import disbursements` streams the file into one transaction: the
//! totals of a generated year, all or nothing for a refused row however late,
//! re-imports that add nothing, duplicates within the file, and ids handed
//! out in one run that a later payment continues.

mod common;

use std::path::{Path, PathBuf};

use common::{Env, line_in};
use serde_json::Value;

/// `../shared/bench/gen.py` beside the checkout writes a year of `n`
/// disbursements into `dir`; returns its expected.json. A missing script or
/// python3 fails the test.
fn generate(n: usize, dir: &Path) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen.py");
    assert!(
        script.exists(),
        "{} is missing: this test needs the shared bench generator (../shared beside the checkout)",
        script.display()
    );
    let status = std::process::Command::new("python3")
        .arg(&script)
        .arg(n.to_string())
        .arg(dir)
        .status()
        .unwrap_or_else(|e| panic!("python3 must run {}: {e}", script.display()));
    assert!(status.success(), "{} failed: {status}", script.display());
    serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap()
}

/// A ledger holding gen.py's lines, adjustments and schedule of `n`
/// disbursements (not yet imported); returns the data's directory and expected.json.
fn generated_year(env: &Env, n: usize) -> (PathBuf, Value) {
    let data = env.dir.path().join("gen");
    let expected = generate(n, &data);
    env.run(&["init", "--year", "2021", "--department", "bench"]);
    for kind in ["lines", "adjustments", "schedule"] {
        let file = data.join(format!("{kind}.csv"));
        env.run(&["import", kind, file.to_str().unwrap()]);
    }
    (data, expected)
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Everything a refused import must leave as it was: the figures, the
/// journal and the event log.
fn state(env: &Env) -> (Value, String, String) {
    (
        env.report(),
        env.run(&["list", "disbursements", "--format", "csv"]),
        env.events(),
    )
}

/// The ids of the journal, in order.
fn ids(env: &Env) -> Vec<u64> {
    let journal = env.run(&["list", "disbursements", "--format", "json"]);
    let rows: Value = serde_json::from_str(&journal).unwrap();
    let mut ids: Vec<u64> = rows
        .as_array()
        .unwrap_or_else(|| panic!("a list: {journal}"))
        .iter()
        .map(|d| d["id"].as_u64().unwrap())
        .collect();
    ids.sort_unstable();
    ids
}

fn pay(env: &Env, voucher: &str) -> String {
    env.run(&[
        "pay",
        "B01",
        "1.00",
        "--date",
        "2021-12-30",
        "--payee",
        "p",
        "--voucher",
        voucher,
    ])
}

#[test]
fn a_generated_year_imports_to_its_exact_totals_and_again_adds_nothing() {
    let env = Env::new();
    let (data, expected) = generated_year(&env, 10_000);
    let file = data.join("disbursements.csv");
    let out = env.run(&["import", "disbursements", path(&file)]);
    assert!(out.contains("10,000 new, 0 already present"), "{out}");
    let report = env.report();
    for (code, figures) in expected["lines"].as_object().unwrap() {
        let line = line_in(&report, code);
        for field in ["allocated", "budget", "spent"] {
            assert_eq!(line[field], figures[field], "{code} {field}");
        }
    }
    assert_eq!(report["groups"]["all"]["spent"], expected["total"]["spent"]);

    // ids are handed out in one run, in file order, and a payment continues it
    assert_eq!(ids(&env), (1..=10_000).collect::<Vec<_>>());
    let again = env.run(&["import", "disbursements", path(&file)]);
    assert!(again.contains("0 new, 10,000 already present"), "{again}");
    assert_eq!(env.report(), report);
    let paid = pay(&env, "AFTER-1");
    assert!(paid.contains("Recorded disbursement #10001"), "{paid}");
    env.run(&["check"]);
}

#[test]
fn a_refused_row_late_in_a_big_file_leaves_the_ledger_as_it_was() {
    let env = Env::new();
    let (data, _) = generated_year(&env, 10_000);
    pay(&env, "BEFORE-1");
    let before = state(&env);

    // past several chunks of stored rows, the last row names no line
    let mut text = std::fs::read_to_string(data.join("disbursements.csv")).unwrap();
    text.push_str("2021-12-31,NOPE,1.00,p,LATE-1,\n");
    let bad = env.dir.path().join("late.csv");
    std::fs::write(&bad, text).unwrap();
    let err = env.refused(&["import", "disbursements", path(&bad)]);
    assert!(
        err.contains("late.csv") && err.contains("row 10002") && err.contains("NOPE"),
        "{err}"
    );
    assert_eq!(state(&env), before, "nothing of the file is stored");
    // the id counter is as it was too
    let paid = pay(&env, "AFTER-1");
    assert!(paid.contains("Recorded disbursement #2"), "{paid}");
    env.run(&["check"]);
}

/// The file is read on one thread and stored on another: whichever side
/// finds a fault, the one named is the first in the file.
#[test]
fn the_first_fault_in_the_file_is_named_whichever_side_finds_it() {
    let env = Env::new();
    env.small_year();
    let before = state(&env);
    // file row n is data row n - 1 (row 1 is the header)
    let with = |faults: &[(usize, &str)]| {
        let mut lines: Vec<String> = rows(3000).lines().map(String::from).collect();
        for &(row, text) in faults {
            lines[row - 1] = text.to_string();
        }
        lines.join("\n") + "\n"
    };
    // row 3 names no line (the storing side), row 2500 has no amount (the reading side)
    let late = (2500, "2021-03-05,B01,abc,p,L1,");
    let text = with(&[(3, "2021-03-01,NOPE,1.00,p,X1,"), late]);
    let file = env.dir.path().join("two-faults.csv");
    std::fs::write(&file, &text).unwrap();
    let err = env.refused(&["import", "disbursements", path(&file)]);
    assert!(err.contains("row 3") && err.contains("NOPE"), "{err}");
    // the same file without the early fault: the late one is named
    std::fs::write(&file, with(&[late])).unwrap();
    let err = env.refused(&["import", "disbursements", path(&file)]);
    assert!(err.contains("row 2500") && err.contains("amount"), "{err}");
    assert_eq!(state(&env), before, "nothing of either file is stored");
}

/// `n` rows on B01, one voucher each (`V1` …), dated through the year.
fn rows(n: usize) -> String {
    let mut text = String::from("date,line,amount,payee,voucher,memo\n");
    for i in 1..=n {
        let day = 1 + i % 28;
        text.push_str(&format!("2021-03-{day:02},B01,1.00,p,V{i},\n"));
    }
    text
}

#[test]
fn a_voucher_twice_in_the_file_with_other_content_is_refused_naming_the_second_row() {
    let env = Env::new();
    env.small_year();
    let before = state(&env);
    // once among rows not yet stored, once after the first row's chunk is stored
    for (n, second_row) in [(10, 12), (6000, 6002)] {
        let mut text = rows(n);
        text.push_str("2021-03-01,B01,2.00,p,V1,\n");
        let file = env.dir.path().join(format!("dup{n}.csv"));
        std::fs::write(&file, text).unwrap();
        let err = env.refused(&["import", "disbursements", path(&file)]);
        assert!(
            err.contains(&format!("row {second_row}"))
                && err.contains("voucher")
                && err.contains("row 2 of this file"),
            "{err}"
        );
        assert_eq!(state(&env), before, "{n} rows");
    }
}

#[test]
fn a_voucher_twice_in_the_file_with_the_same_content_is_counted_once() {
    for (n, shown) in [(10, "10"), (6000, "6,000")] {
        let env = Env::new();
        env.small_year();
        let mut text = rows(n);
        text.push_str("2021-03-02,B01,1.00,p,V1,\n");
        let file = env.dir.path().join("twice.csv");
        std::fs::write(&file, text).unwrap();
        let out = env.run(&["import", "disbursements", path(&file)]);
        assert!(
            out.contains(&format!("{shown} new, 1 already present")),
            "{out}"
        );
        assert_eq!(ids(&env), (1..=n as u64).collect::<Vec<_>>());
    }
}

#[test]
fn a_gbk_file_streams_as_it_decodes() {
    let env = Env::new();
    env.small_year();
    let text = "日期,指标编码,金额,收款人,凭证号\n2021-03-01,B01,100.00,某某劳务公司,记-1\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let file = env.dir.path().join("gbk.csv");
    std::fs::write(&file, &gbk).unwrap();
    let out = env.run(&["import", "disbursements", path(&file)]);
    assert!(out.contains("1 new"), "{out}");
    let journal = env.run(&["list", "disbursements", "--format", "csv"]);
    assert!(journal.contains("某某劳务公司"), "{journal}");
}

/// What `list … --format csv` exports imports again as already present:
/// a carry-over line's 资金年度 and a payment's tags are among the columns.
#[test]
fn an_exported_line_and_payment_import_again_as_already_present() {
    let env = Env::demo();
    env.run(&[
        "line",
        "add",
        "--code",
        "C09",
        "--name",
        "结转测试",
        "--kind",
        "project",
        "--source",
        "carryover",
        "--amount",
        "1000",
        "--doc",
        "仁财〔2019〕5号",
        "--origin-year",
        "2019",
    ]);
    env.run(&[
        "pay",
        "C09",
        "100",
        "--payee",
        "p",
        "--voucher",
        "TAGV1",
        "--tags",
        "reception,procurement",
    ]);
    let lines = env.write(
        "lines.csv",
        env.run(&["list", "lines", "--line", "C09", "--format", "csv"]),
    );
    let paid = env.write(
        "paid.csv",
        env.run(&["list", "disbursements", "--line", "C09", "--format", "csv"]),
    );
    let before = state(&env);
    let out = env.run(&["import", "lines", path(&lines)]);
    assert!(out.contains("0 new, 1 already present"), "{out}");
    let out = env.run(&["import", "disbursements", path(&paid)]);
    assert!(out.contains("0 new, 1 already present"), "{out}");
    assert_eq!(state(&env).0, before.0, "the figures are as they were");
}
