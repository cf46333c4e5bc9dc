//! The `outlay` binary end to end: every subcommand, its output, its refusals
//! and exit codes (0 ok, 1 refused, 2 usage).

mod common;

use std::path::Path;

use common::{Env, line_in};
use predicates::prelude::*;
use serde_json::Value;

fn group<'a>(report: &'a Value, key: &str) -> &'a Value {
    &report["groups"][key]
}

#[test]
fn init_refuses_to_overwrite() {
    let env = Env::new();
    env.run(&["init", "--year", "2021", "--department", "测试局"]);
    let err = env.refused(&["init", "--year", "2021", "--department", "x"]);
    assert!(err.contains("already exists"), "{err}");
    let err = env.refused(&["init", "--demo"]);
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn init_creates_the_ledger_readable_by_its_owner_only_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    for (db, how) in [
        ("plain.redb", "--year 2021 --department x"),
        ("demo.redb", "--demo"),
    ] {
        let path = env.dir.path().join(db);
        // Under umask 000 a plain create would leave the file 0666.
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("umask 000; exec \"$0\" --db \"$1\" init {how}"))
            .arg(env!("CARGO_BIN_EXE_outlay"))
            .arg(&path)
            .env("OUTLAY_CONFIG", env.dir.path().join("no-settings.toml"))
            .status()
            .unwrap();
        assert!(status.success(), "init {how}");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{db} is created {mode:o}");
    }
}

#[test]
fn usage_errors_exit_2_and_every_subcommand_has_help() {
    let env = Env::new();
    env.outlay().args(["pay"]).assert().code(2);
    env.outlay().args(["frobnicate"]).assert().code(2);
    for sub in [
        "init",
        "demo",
        "line",
        "adjust",
        "pay",
        "reverse",
        "schedule",
        "indicator",
        "list",
        "import",
        "report",
        "settings",
        "check",
        "project",
        "note",
        "monitor",
    ] {
        env.outlay()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"));
    }
}

#[test]
fn a_missing_ledger_says_how_to_make_one() {
    let env = Env::new();
    let err = env.refused(&["report"]);
    assert!(err.contains("outlay init"), "{err}");
}

#[test]
fn pay_reverse_adjust_and_report() {
    let env = Env::new();
    env.small_year();
    let out = env.run(&[
        "pay",
        "P01",
        "129.5万",
        "--date",
        "2021-06-01",
        "--payee",
        "救援公司",
        "--voucher",
        "V-1",
    ]);
    assert!(out.contains("Recorded disbursement #1"), "{out}");
    env.run(&[
        "pay",
        "B01",
        "2,500",
        "--date",
        "2021-06-02",
        "--payee",
        "电力公司",
        "--voucher",
        "V-2",
        "--memo",
        "电费",
    ]);
    let report = env.report();
    assert_eq!(group(&report, "all")["spent"], "1297500.00");
    assert_eq!(
        group(&report, "project/supplementary")["spent"],
        "1295000.00"
    );
    assert_eq!(report["time_progress"], "100.00");
    let p01 = line_in(&report, "P01");
    assert_eq!(p01["overspent"], true);
    assert_eq!(p01["rate"], "259.00");

    // a reversal without a reason is a usage error
    env.outlay()
        .args(["reverse", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--reason"));
    env.run(&[
        "reverse",
        "1",
        "--reason",
        "金额录错",
        "--date",
        "2021-06-03",
    ]);
    let report = env.report();
    assert_eq!(group(&report, "all")["spent"], "2500.00");
    let err = env.refused(&["reverse", "1", "--reason", "again"]);
    assert!(err.contains("already reversed by #3"), "{err}");

    env.run(&[
        "adjust",
        "B01",
        "-2万",
        "--date",
        "2021-09-01",
        "--doc",
        "仁财〔2021〕9号",
        "--reason",
        "调减",
    ]);
    let report = env.report();
    assert_eq!(group(&report, "basic")["budget"], "80000.00");
    assert_eq!(group(&report, "basic")["allocated"], "100000.00");
    assert_eq!(group(&report, "basic")["rate_allocated"], "2.50");

    let journal = env.run(&["list", "disbursements", "--format", "csv"]);
    assert_eq!(journal.lines().count(), 4, "{journal}");
    assert!(
        journal.contains("V-1-R") && journal.contains("-1295000.00"),
        "{journal}"
    );
    let june = env.run(&[
        "list",
        "disbursements",
        "--month",
        "2021-06",
        "--line",
        "B01",
    ]);
    assert!(june.contains("V-2") && !june.contains("V-1"), "{june}");
    let events = env.run(&["list", "events", "--format", "json"]);
    let events: Value = serde_json::from_str(&events).unwrap();
    assert_eq!(events[0]["action"], "adjust");
    assert_eq!(events[0]["who"], whoami());
    env.run(&["check"]);
}

fn whoami() -> String {
    let out = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn refusals_name_the_field_and_store_nothing() {
    let env = Env::new();
    env.small_year();
    env.run(&[
        "pay",
        "B01",
        "100",
        "--date",
        "2021-02-01",
        "--payee",
        "x",
        "--voucher",
        "V1",
    ]);
    let before = env.run(&["report", "--as-of", "2021-12-31", "--format", "json"]);
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "pay",
                "X9",
                "100",
                "--date",
                "2021-02-01",
                "--payee",
                "x",
                "--voucher",
                "V2",
            ],
            "no budget line has the code 'X9'",
        ),
        (
            &[
                "pay",
                "B01",
                "12a",
                "--date",
                "2021-02-01",
                "--payee",
                "x",
                "--voucher",
                "V2",
            ],
            "amount: '12a' is not an amount",
        ),
        (
            &[
                "pay",
                "B01",
                "-5",
                "--date",
                "2021-02-01",
                "--payee",
                "x",
                "--voucher",
                "V2",
            ],
            "amount: a disbursement must be more than zero",
        ),
        (
            &[
                "pay",
                "B01",
                "5",
                "--date",
                "2022-01-01",
                "--payee",
                "x",
                "--voucher",
                "V2",
            ],
            "date: 2022-01-01 is outside fiscal year 2021",
        ),
        (
            &[
                "pay",
                "B01",
                "5",
                "--date",
                "2021-02-30",
                "--payee",
                "x",
                "--voucher",
                "V2",
            ],
            "date: '2021-02-30' is not a date",
        ),
        (
            &[
                "pay",
                "B01",
                "5",
                "--date",
                "2021-02-01",
                "--payee",
                "x",
                "--voucher",
                "V1",
            ],
            "voucher: 'V1' is already recorded on line B01",
        ),
        (&["reverse", "42", "--reason", "r"], "no disbursement #42"),
        (
            &[
                "line",
                "add",
                "--code",
                "B01",
                "--name",
                "n",
                "--kind",
                "basic",
                "--econ-class",
                "goods",
                "--amount",
                "1",
            ],
            "budget line 'B01' already exists",
        ),
        (
            &[
                "line", "add", "--code", "B02", "--name", "n", "--kind", "basic", "--amount", "1",
            ],
            "econ_class",
        ),
        (
            &[
                "line", "add", "--code", "B02", "--name", "n", "--kind", "weird", "--amount", "1",
            ],
            "kind: 'weird' is not one of: basic, project",
        ),
        (
            &[
                "adjust",
                "B01",
                "-1000万",
                "--doc",
                "d",
                "--reason",
                "r",
                "--date",
                "2021-05-01",
            ],
            "would make the budget of line B01 negative",
        ),
        (
            &[
                "schedule",
                "add",
                "P01",
                "0",
                "--due",
                "2021-05-01",
                "--contract",
                "HT",
                "--payee",
                "p",
            ],
            "amount: an instalment must be more than zero",
        ),
        (
            &[
                "indicator",
                "add",
                "--project",
                "nope",
                "--category",
                "quantity",
                "--name",
                "n",
                "--target",
                "1",
                "--weight",
                "5",
            ],
            "no project line funds",
        ),
        (
            &[
                "indicator",
                "add",
                "--project",
                "救援队",
                "--category",
                "vibes",
                "--name",
                "n",
                "--target",
                "1",
                "--weight",
                "5",
            ],
            "category: 'vibes' is not one of",
        ),
        (
            &["list", "disbursements", "--month", "2021-13"],
            "month: '2021-13' is not a month",
        ),
        (
            &["settings", "--tolerance", "200"],
            "tolerance: 200 must be between 0 and 100",
        ),
    ];
    for (args, expected) in cases {
        let err = env.refused(args);
        assert!(
            err.contains(expected),
            "{args:?}: '{err}' should contain '{expected}'"
        );
        assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
    }
    assert_eq!(
        env.run(&["report", "--as-of", "2021-12-31", "--format", "json"]),
        before
    );
}

#[test]
fn schedule_indicators_settings_and_lists() {
    let env = Env::new();
    env.small_year();
    env.run(&[
        "schedule",
        "add",
        "P01",
        "20万",
        "--due",
        "2021-09-30",
        "--contract",
        "HT-9",
        "--payee",
        "服务公司",
    ]);
    env.run(&[
        "pay",
        "P01",
        "5万",
        "--date",
        "2021-10-08",
        "--payee",
        "服务公司",
        "--voucher",
        "V9",
        "--contract",
        "HT-9",
    ]);
    let report = env.report();
    let overdue = &report["overdue"][0];
    assert_eq!(
        (
            overdue["outstanding"].as_str(),
            overdue["days_overdue"].as_i64()
        ),
        (Some("150000.00"), Some(92))
    );
    let schedule = env.run(&[
        "list",
        "schedule",
        "--as-of",
        "2021-10-01",
        "--format",
        "csv",
    ]);
    assert!(
        schedule.contains("200000.00,0.00,200000.00,1"),
        "{schedule}"
    );

    env.run(&[
        "indicator",
        "add",
        "--project",
        "救援队",
        "--category",
        "数量指标",
        "--name",
        "队员",
        "--target",
        "≥ 160 人",
        "--weight",
        "20",
    ]);
    let out = env.run(&[
        "indicator",
        "set",
        "1",
        "--actual",
        "150 人",
        "--reason",
        "招录未满",
    ]);
    assert!(out.contains("150 人"), "{out}");
    let list = env.run(&["list", "indicators", "--format", "csv"]);
    // judged and scored as the summary does: 150 of 160 earns 150/160 of 20 points
    assert!(list.contains(",20,18.75,not_achieved,招录未满"), "{list}");
    let table = env.run(&["list", "indicators"]);
    assert!(table.contains("not achieved"), "{table}");

    // a tolerance of 0 makes P01 (10% spent at year end) lagging
    env.run(&["settings", "--tolerance", "0"]);
    let report: Value =
        serde_json::from_str(&env.run(&["report", "--as-of", "2021-06-30", "--format", "json"]))
            .unwrap();
    let p01 = line_in(&report, "P01");
    assert_eq!(p01["lagging"], true);

    let lines = env.run(&["list", "lines", "--format", "csv"]);
    assert!(
        lines.starts_with(
            "code,name,kind,source,level,econ_class,project,amount,doc_no,allocated_on"
        ),
        "{lines}"
    );
    assert!(
        lines.contains("P01,救援队,project,supplementary,district,,救援队,500000.00,,2021-03-01"),
        "{lines}"
    );
    let table = env.run(&[
        "--lang",
        "zh",
        "--unit",
        "wan",
        "report",
        "--as-of",
        "2021-12-31",
    ]);
    assert!(
        table.contains("序时进度 100.00%") && table.contains("50.00") && table.contains("滞后"),
        "{table}"
    );
}

#[test]
fn demo_reproduces_the_seed_reports_totals() {
    let env = Env::demo();
    let r = env.report();
    let check = |key: &str, budget: &str, spent: &str| {
        assert_eq!(
            (
                group(&r, key)["budget"].as_str().unwrap(),
                group(&r, key)["spent"].as_str().unwrap()
            ),
            (budget, spent),
            "{key}"
        );
    };
    check("basic/initial", "3732900.00", "3732900.00");
    check("basic/supplementary", "343300.00", "343300.00");
    check("basic", "4076200.00", "4076200.00");
    check("project/initial", "1714000.00", "414000.00");
    check("project/supplementary", "8414500.00", "3488700.00");
    check("project/carryover", "340000.00", "339700.00");
    check("project", "10468500.00", "4242400.00");
    assert_eq!(group(&r, "source/supplementary")["budget"], "8757800.00");
    assert_eq!(group(&r, "basic")["rate"], "100.00");
    // the service contract's 129.5万 is overdue at year end
    let overdue = r["overdue"].as_array().unwrap();
    let service: Vec<_> = overdue
        .iter()
        .filter(|o| o["contract"] == "RHCG-2021-017")
        .collect();
    let outstanding: f64 = service
        .iter()
        .map(|o| o["outstanding"].as_str().unwrap().parse::<f64>().unwrap())
        .sum();
    assert_eq!(outstanding, 1_295_000.0);
    env.run(&["check"]);
    // `outlay demo` prints the same figures from a fresh copy
    let demo = env.run(&["--unit", "wan", "demo"]);
    assert!(
        demo.contains("407.62") && demo.contains("1,046.85") && demo.contains("424.24"),
        "{demo}"
    );
}

fn generate(n: usize, dir: &Path) -> Option<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen.py");
    let status = std::process::Command::new("python3")
        .arg(&script)
        .arg(n.to_string())
        .arg(dir)
        .status();
    match status {
        Ok(s) if s.success() => Some(
            serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap())
                .unwrap(),
        ),
        _ => panic!("python3 ../shared/bench/gen.py must run for this test"),
    }
}

#[test]
fn importing_100k_generated_disbursements_matches_expected_json() {
    let env = Env::new();
    let data = env.dir.path().join("gen");
    let expected = generate(100_000, &data).unwrap();
    env.run(&["init", "--year", "2021", "--department", "bench"]);
    for kind in ["lines", "adjustments", "schedule", "disbursements"] {
        let file = data.join(format!("{kind}.csv"));
        env.run(&["import", kind, file.to_str().unwrap()]);
    }
    let r = env.report();
    for (code, figures) in expected["lines"].as_object().unwrap() {
        let line = line_in(&r, code);
        for field in ["allocated", "budget", "spent"] {
            assert_eq!(line[field], figures[field], "{code} {field}");
        }
    }
    for (group_key, exp_key) in [("basic", "basic"), ("project", "project"), ("all", "total")] {
        assert_eq!(
            group(&r, group_key)["budget"],
            expected[exp_key]["budget"],
            "{group_key}"
        );
        assert_eq!(
            group(&r, group_key)["spent"],
            expected[exp_key]["spent"],
            "{group_key}"
        );
    }
    // importing the same export again adds nothing
    let again = env.run(&[
        "import",
        "disbursements",
        data.join("disbursements.csv").to_str().unwrap(),
    ]);
    assert!(again.contains("0 new, 100,000 already present"), "{again}");
    assert_eq!(env.report(), r);
    env.run(&["check"]);
}

#[test]
fn import_refusals_name_file_row_and_column_and_store_nothing() {
    let env = Env::new();
    env.small_year();
    let good = env.write("ok.csv", "date,line,amount,payee,voucher,memo\n2021-03-01,B01,100.00,甲,V1,\n2021-03-02,P01,200.00,乙,V2,\n");
    env.run(&["import", "disbursements", good.to_str().unwrap()]);
    let before = env.run(&["report", "--as-of", "2021-12-31", "--format", "json"]);

    let bad_amount = env.write("bad.csv", "date,line,amount,payee,voucher,memo\n2021-03-03,B01,5.00,甲,V3,\n2021-03-04,B01,12a,甲,V4,\n");
    let err = env.refused(&["import", "disbursements", bad_amount.to_str().unwrap()]);
    assert!(
        err.contains("bad.csv") && err.contains("row 3") && err.contains("amount"),
        "{err}"
    );

    let missing = env.write(
        "missing.csv",
        "date,line,amount,payee\n2021-03-03,B01,5.00,甲\n",
    );
    let err = env.refused(&["import", "disbursements", missing.to_str().unwrap()]);
    assert!(err.contains("voucher"), "{err}");

    let unknown = env.write("unknown.csv", "date,line,amount,payee,voucher,memo\n2021-03-03,B01,5.00,甲,V5,\n2021-03-03,ZZ,5.00,甲,V6,\n");
    let err = env.refused(&["import", "disbursements", unknown.to_str().unwrap()]);
    assert!(err.contains("row 3") && err.contains("'ZZ'"), "{err}");

    let conflict = env.write(
        "conflict.csv",
        "date,line,amount,payee,voucher,memo\n2021-03-01,B01,999.00,甲,V1,\n",
    );
    let err = env.refused(&["import", "disbursements", conflict.to_str().unwrap()]);
    assert!(
        err.contains("row 2") && err.contains("V1") && err.contains("#1"),
        "{err}"
    );

    assert_eq!(
        env.run(&["report", "--as-of", "2021-12-31", "--format", "json"]),
        before
    );

    // Chinese headers, GBK-encoded as Excel/WPS in China writes them, overlapping the earlier import
    let (gbk, _, _) = encoding_rs::GBK.encode("支付日期,指标编码,支付金额,收款人,凭证号,摘要\n2021-03-01,B01,100.00,甲,V1,\n2021-04-01,B01,300.00,丙,V7,办公用品\n");
    let gbk = env.write("gbk.csv", gbk);
    let out = env.run(&["import", "disbursements", gbk.to_str().unwrap()]);
    assert!(out.contains("1 new, 1 already present"), "{out}");
    let r = env.report();
    assert_eq!(group(&r, "basic")["spent"], "400.00");
}

#[test]
fn a_ledger_held_by_another_process_is_named_not_waited_on() {
    let env = Env::new();
    env.small_year();
    let pay = [
        "pay",
        "B01",
        "1",
        "--date",
        "2021-02-01",
        "--payee",
        "x",
        "--voucher",
        "HELD-1",
    ];
    let busy = |err: &str| {
        assert!(
            err.contains("open in another outlay process") && err.contains("close that one"),
            "{err}"
        )
    };
    // another reader (a TUI that has not written): reading goes on, writing waits for it
    let reader = outlay::Ledger::open(&env.db(), "holder").unwrap();
    assert!(env.run(&["report"]).contains("time progress"));
    busy(&env.refused(&pay));
    drop(reader);
    // a writer holds the file alone
    let writer = outlay::ledger::LocalLedger::open_writable(&env.db(), "holder").unwrap();
    busy(&env.refused(&["report"]));
    busy(&env.refused(&pay));
    drop(writer);
    env.run(&pay);
}

#[test]
fn review_refusals_filters_pipes_and_unreadable_files() {
    let env = Env::new();
    env.small_year();
    // misplaced commas are refused, not read as other figures
    let err = env.refused(&[
        "pay",
        "B01",
        "1,5",
        "--date",
        "2021-02-01",
        "--payee",
        "x",
        "--voucher",
        "V1",
    ]);
    assert!(err.contains("amount: '1,5' is not an amount"), "{err}");
    // a filter a list cannot apply is refused, naming it
    let err = env.refused(&["list", "events", "--project", "x"]);
    assert!(
        err.contains("project: `outlay list events` does not take --project"),
        "{err}"
    );
    let err = env.refused(&["list", "lines", "--sort", "payee"]);
    assert!(
        err.contains("sort: `outlay list lines` does not take --sort"),
        "{err}"
    );
    let err = env.refused(&["list", "adjustments", "--month", "2021-13"]);
    assert!(err.contains("month: '2021-13' is not a month"), "{err}");
    env.run(&[
        "adjust",
        "B01",
        "1000",
        "--date",
        "2021-05-01",
        "--doc",
        "d",
        "--reason",
        "r",
    ]);
    assert_eq!(
        env.run(&[
            "list",
            "adjustments",
            "--month",
            "2021-04",
            "--format",
            "csv"
        ])
        .lines()
        .count(),
        1
    );
    assert_eq!(
        env.run(&[
            "list",
            "adjustments",
            "--month",
            "2021-05",
            "--format",
            "csv"
        ])
        .lines()
        .count(),
        2
    );
    // a reader that stops early is no error
    for _ in 0..30 {
        env.run(&[
            "pay",
            "B01",
            "1",
            "--date",
            "2021-02-01",
            "--payee",
            "x",
            "--voucher",
            &format!("P{}", rand_suffix()),
        ]);
    }
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' --db '{}' list disbursements | head -1",
            env!("CARGO_BIN_EXE_outlay"),
            env.db().display()
        ))
        .output()
        .unwrap();
    assert!(
        out.status.success() && !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "{out:?}"
    );
    // an import file that cannot be read says so
    let err = env.refused(&["import", "disbursements", "/nonexistent/file.csv"]);
    assert!(err.contains("cannot read /nonexistent/file.csv"), "{err}");
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

#[test]
fn the_settings_file_sets_defaults_that_flags_override() {
    let env = Env::new();
    env.small_year();
    let settings = env.write("settings.toml", "lang = \"zh\"\nunit = \"wan\"\n");
    let with = |args: &[&str]| {
        let out = env
            .outlay()
            .env("OUTLAY_CONFIG", &settings)
            .args(args)
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let table = with(&["report", "--as-of", "2021-12-31"]);
    assert!(
        table.contains("序时进度") && table.contains("单位 万元") && table.contains("10.00"),
        "{table}"
    );
    let table = with(&[
        "--lang",
        "en",
        "--unit",
        "yuan",
        "report",
        "--as-of",
        "2021-12-31",
    ]);
    assert!(
        table.contains("time progress") && table.contains("100,000.00"),
        "{table}"
    );
    let bad = env.write("bad.toml", "unit = \"wan\"\ncolour = \"blue\"\n");
    let out = env
        .outlay()
        .env("OUTLAY_CONFIG", &bad)
        .args(["report"])
        .assert()
        .code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("bad.toml")
            && err.contains("no setting called colour")
            && err.contains("line 2"),
        "{err}"
    );
}

#[test]
fn refusals_read_in_chinese_when_the_language_is_chinese() {
    let env = Env::new();
    env.small_year();
    let pay = |line: &str, amount: &str| {
        let out = env
            .outlay()
            .args([
                "--lang",
                "zh",
                "pay",
                line,
                amount,
                "--date",
                "2021-02-01",
                "--payee",
                "x",
                "--voucher",
                "V1",
            ])
            .assert()
            .code(1);
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    };
    assert_eq!(
        pay("X9", "100").trim(),
        "outlay: 指标：没有编码为“X9”的预算指标"
    );
    assert!(pay("B01", "12a").contains("金额：“12a”不是金额"));
    assert!(pay("B01", "-3").contains("金额：支付金额须大于零"));
}

#[test]
fn an_indicator_takes_the_users_score_within_its_weight() {
    let env = Env::new();
    env.small_year();
    env.run(&[
        "indicator",
        "add",
        "--project",
        "救援队",
        "--category",
        "quality",
        "--name",
        "验收",
        "--target",
        "通过验收",
        "--weight",
        "20",
    ]);
    let err = env.refused(&["indicator", "set", "1", "--score", "25"]);
    assert!(
        err.contains("score: 25 must be between 0 and the indicator's weight 20"),
        "{err}"
    );
    env.run(&["indicator", "set", "1", "--score", "15.5"]);
    let list: Value =
        serde_json::from_str(&env.run(&["list", "indicators", "--format", "json"])).unwrap();
    assert_eq!(list[0]["score"], "15.5");
}

#[test]
fn month_end_review_of_the_demo_june() {
    let env = Env::demo();
    let review: Value =
        serde_json::from_str(&env.run(&["review", "--month", "2021-06", "--format", "json"]))
            .unwrap();
    assert_eq!(
        (review["as_of"].as_str(), review["time_progress"].as_str()),
        (Some("2021-06-30"), Some("50.00"))
    );
    let lines = review["lines"].as_array().unwrap();
    // lagging lines come first: the training fund, 3.10% against 50%
    assert_eq!(
        (lines[0]["code"].as_str(), lines[0]["lagging"].as_bool()),
        (Some("P13"), Some(true))
    );
    let first_not_lagging = lines.iter().position(|l| l["lagging"] == false).unwrap();
    assert!(
        lines[first_not_lagging..]
            .iter()
            .all(|l| l["lagging"] == false)
    );
    // projects too, lagging first: the training fund's, 6,200 of 200,000 against 50 %
    let first = &review["projects"][0];
    assert_eq!(
        (
            first["project"].as_str(),
            first["gap"].as_str(),
            first["lagging"].as_bool()
        ),
        (
            Some("2020年中央自然灾害救灾资金（培训演练）"),
            Some("-46.90"),
            Some(true)
        )
    );
    // the rescue team's contract had 60万 due by June: 600000 / 5580800 = 10.75%
    let p05 = lines.iter().find(|l| l["code"] == "P05").unwrap();
    assert_eq!(
        (p05["expectation"].as_str(), p05["expected"].as_str()),
        (Some("schedule"), Some("10.75"))
    );
    // the service contract's first instalment falls due in July
    let due: Vec<&str> = review["due_next_month"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["item"]["contract"].as_str().unwrap())
        .collect();
    assert!(due.contains(&"RHCG-2021-017"), "{due:?}");
    // June's payments equal the difference of the reports at the ends of June and May
    let spent = |as_of: &str| -> f64 {
        let r: Value =
            serde_json::from_str(&env.run(&["report", "--as-of", as_of, "--format", "json"]))
                .unwrap();
        r["groups"]["all"]["spent"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    let june = review["flows"][0]["this_month"]
        .as_str()
        .unwrap()
        .parse::<f64>()
        .unwrap();
    let may = review["flows"][0]["last_month"]
        .as_str()
        .unwrap()
        .parse::<f64>()
        .unwrap();
    assert_eq!(review["flows"][0]["group"], "all");
    assert!((june - (spent("2021-06-30") - spent("2021-05-31"))).abs() < 0.005);
    assert!((may - (spent("2021-05-31") - spent("2021-04-30"))).abs() < 0.005);
    // a month outside the year is refused, naming the field
    let err = env.refused(&["review", "--month", "2022-01"]);
    assert!(
        err.contains("month: 2022-01 is outside fiscal year 2021"),
        "{err}"
    );
}

/// The cells of a terminal table's body rows (comfy-table, borders only),
/// split at whitespace: a row whose label holds a space does not come
/// through whole, so callers pick tables whose cells hold none.
fn table_rows(table: &str) -> Vec<Vec<String>> {
    table
        .lines()
        .filter(|l| l.starts_with('│'))
        .map(|l| {
            l.trim_matches('│')
                .split_whitespace()
                .map(String::from)
                .collect()
        })
        .collect()
}

/// The decimals a 万元 figure is written with (`1,335.8880` → 4).
fn decimals(cell: &str) -> usize {
    cell.split_once('.').map_or(0, |(_, f)| f.len())
}

/// The yuan a 万元 cell stands for, exactly: `1,335.888` → `13358880.00`.
fn wan_to_yuan(cell: &str) -> rust_decimal::Decimal {
    let wan: rust_decimal::Decimal = cell.replace(',', "").parse().unwrap_or_else(|_| {
        panic!("{cell:?} is not a figure");
    });
    (wan * rust_decimal::Decimal::from(10_000)).round_dp(2)
}

/// The decimals a column of yuan amounts needs in 万元: the most any needs,
/// never fewer than two.
fn wan_decimals_needed<'a>(yuan: impl Iterator<Item = &'a Value>) -> usize {
    yuan.map(|y| {
        let y: rust_decimal::Decimal = y.as_str().unwrap().parse().unwrap();
        (y / rust_decimal::Decimal::from(10_000))
            .normalize()
            .scale() as usize
    })
    .fold(2, usize::max)
}

/// Asserts that every cell of `column` is written with the same decimals,
/// those its most precise cell needs, and stands exactly for its amount.
fn assert_one_decimals_rule(what: &str, column: &[(String, Value)]) {
    let needed = wan_decimals_needed(column.iter().map(|(_, y)| y));
    for (cell, yuan) in column {
        assert_eq!(decimals(cell), needed, "{what}: {cell} among {column:?}");
        let yuan: rust_decimal::Decimal = yuan.as_str().unwrap().parse().unwrap();
        assert_eq!(wan_to_yuan(cell), yuan, "{what}: {cell}");
    }
}

#[test]
fn every_amount_of_a_wan_column_has_the_decimals_the_column_needs() {
    let env = Env::demo();
    let json = env.report();
    let table = env.run(&[
        "--lang",
        "zh",
        "--unit",
        "wan",
        "report",
        "--as-of",
        "2021-12-31",
    ]);
    let rows = table_rows(&table);
    let lines = json["lines"].as_array().unwrap();

    // the groups: 全部 … 追加（基本+项目）, allocated, budget and spent
    let groups = [
        ("全部", "all"),
        ("基本支出", "basic"),
        ("项目支出", "project"),
        ("追加（基本+项目）", "source/supplementary"),
    ];
    for (n, field) in [(1, "allocated"), (2, "budget"), (3, "spent")] {
        let column: Vec<(String, Value)> = groups
            .iter()
            .map(|(label, key)| {
                let row = rows.iter().find(|r| r[0] == *label).unwrap();
                (row[n].clone(), group(&json, key)[field].clone())
            })
            .collect();
        assert_one_decimals_rule(field, &column);
    }
    // the groups' allocated column holds 1,455.888 万 (three decimals), so
    // every group shows three, whole figures too
    let basic = rows.iter().find(|r| r[0] == "基本支出").unwrap();
    assert_eq!(basic[1], "407.620", "{table}");

    // the lines: budget, spent and remaining, one row per line
    let line_rows: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| lines.iter().any(|l| l["code"] == r[0].as_str()) && r.len() >= 11)
        .collect();
    assert_eq!(line_rows.len(), lines.len(), "{table}");
    for (n, field) in [(5, "budget"), (6, "spent"), (7, "remaining")] {
        let column: Vec<(String, Value)> = line_rows
            .iter()
            .map(|r| (r[n].clone(), line_in(&json, &r[0])[field].clone()))
            .collect();
        assert_one_decimals_rule(field, &column);
    }
    // 20.9425 万 and 0.0715 万 budgets: every budget with four decimals,
    // where 2, 3 or 4 decimals stood in one column before
    let budgets: Vec<&str> = line_rows.iter().map(|r| r[5].as_str()).collect();
    assert!(
        budgets.contains(&"309.2000") && budgets.contains(&"8.5820"),
        "{budgets:?}"
    );

    // the overdue instalments: amount, paid, outstanding
    let overdue = json["overdue"].as_array().unwrap();
    let overdue_rows: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r.len() == 8 && overdue.iter().any(|o| o["contract"] == r[1].as_str()))
        .collect();
    assert_eq!(overdue_rows.len(), overdue.len(), "{table}");
    for (n, field) in [(4, "amount"), (5, "paid"), (6, "outstanding")] {
        let column: Vec<(String, Value)> = overdue_rows
            .iter()
            .zip(overdue)
            .map(|(r, o)| (r[n].clone(), o[field].clone()))
            .collect();
        assert_one_decimals_rule(field, &column);
    }

    // CSV in 万元 when asked: the JSON's names, the amounts' naming the
    // unit, every amount of a column with the decimals the column needs
    let csv = env.run(&[
        "--unit",
        "wan",
        "report",
        "--as-of",
        "2021-12-31",
        "--format",
        "csv",
    ]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), lines.len());
    for field in ["allocated", "budget", "spent", "remaining", "projected"] {
        assert!(!header.contains(&field.to_string()), "{header:?}");
        let at = header
            .iter()
            .position(|h| *h == format!("{field}_wan"))
            .unwrap_or_else(|| panic!("no {field}_wan in {header:?}"));
        let column: Vec<(String, Value)> = records
            .iter()
            .map(|r| (r[at].to_string(), line_in(&json, &r[0])[field].clone()))
            .collect();
        assert!(
            column.iter().all(|(cell, _)| !cell.contains(',')),
            "{column:?}"
        );
        assert_one_decimals_rule(field, &column);
    }
    let b01 = records.iter().find(|r| &r[0] == "B01").unwrap();
    assert_eq!(
        &b01[header.iter().position(|h| h == "budget_wan").unwrap()],
        "309.2000"
    );

    // in 元 the CSV is as it was: the JSON's names and its plain yuan
    let csv = env.run(&["report", "--as-of", "2021-12-31", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[7..11], ["allocated", "budget", "spent", "remaining"]);
    for r in reader.records().map(Result::unwrap) {
        let line = line_in(&json, &r[0]);
        assert_eq!(&r[8], line["budget"].as_str().unwrap());
        assert_eq!(&r[9], line["spent"].as_str().unwrap());
    }

    // `list` tables too: the payments' amounts, the schedule's three columns
    let list = env.run(&["--unit", "wan", "list", "disbursements"]);
    let body = table_rows(&list).split_off(1);
    let payments: Value =
        serde_json::from_str(&env.run(&["list", "disbursements", "--format", "json"])).unwrap();
    let payments = payments.as_array().unwrap();
    assert_eq!(body.len(), payments.len(), "{list}");
    let column: Vec<(String, Value)> = body
        .iter()
        .zip(payments)
        .map(|(r, d)| (r[3].clone(), d["amount"].clone()))
        .collect();
    assert_one_decimals_rule("list disbursements", &column);
    // some payment has fen, so every one shows six decimals
    assert_eq!(decimals(&column[0].0), 6, "{column:?}");

    let args = ["list", "schedule", "--as-of", "2021-12-31"];
    let list = env.run(&[&["--unit", "wan"], &args[..]].concat());
    let body = table_rows(&list).split_off(1);
    let schedule: Value =
        serde_json::from_str(&env.run(&[&args[..], &["--format", "json"]].concat())).unwrap();
    let schedule = schedule.as_array().unwrap();
    assert_eq!(body.len(), schedule.len(), "{list}");
    for (n, field) in [(5, "amount"), (6, "paid"), (7, "outstanding")] {
        let column: Vec<(String, Value)> = body
            .iter()
            .zip(schedule)
            .map(|(r, s)| {
                let yuan = if field == "amount" {
                    &s["item"][field]
                } else {
                    &s[field]
                };
                (r[n].clone(), yuan.clone())
            })
            .collect();
        assert_one_decimals_rule(field, &column);
    }
}

#[test]
fn month_end_review_exports_in_markdown_csv_and_either_language() {
    let env = Env::demo();
    let review = |args: &[&str]| {
        let mut all = vec!["review", "--month", "2021-06"];
        all.extend(args);
        env.run(&all)
    };

    // Markdown in Chinese: headings and tables a person pastes into a report
    let md = review(&["--lang", "zh", "--format", "md"]);
    for expected in [
        "# 攀枝花市仁和区应急管理局 · 2021-06 月末执行分析\n",
        "序时进度（按月） 50.00% · 单位 元",
        "红灯 1 项 · 滞后 1 项 · 超支 0 项 · 久未支付 6 项 · 逾期未付 0 笔 · 下月到期 2 笔",
        // the whole year lit as the bureau does: 31.34 ÷ 50.00 × 100 = 62.68, yellow;
        // 50 % of 12,402,840.00 is 6,201,420.00, less 3,887,241.12 spent
        "全部：执行率 31.34% · 预警 黄 62.68 · 全年预计执行 9,406,276.09 (75.84%) · 6 月底须达 50%（现 31.34%），须再支付 2,314,178.88 元",
        "## 各指标执行进度（滞后在前）\n\n| 编码 | 名称 | 预算数 | 已支出 | 执行率 | 应达进度 | 差距 | 预警 | 预计执行率 | 已承诺未付 | 最近支付 | 状态 |\n|---|---|---:|---:|---:|---:|---:|---|---:|---:|---|---|\n",
        // the lagging training fund first: 6,200 of 200,000 against 50%, light
        // ratio 3.10 ÷ 50 = 6.20 (red); its projection is worked in tests/monitoring.rs
        "| P13 | 2020年中央自然灾害救灾资金（培训演练） | 200,000.00 | 6,200.00 | 3.10% | 50.00% | -46.90 | 红 6.20 | 6.67% | 0.00 | 2021-06-22 | 滞后 |",
        "| P05 | 综合应急救援队建队专项资金 | 5,580,800.00 | 984,700.00 | 17.64% | 10.75% (合同) | +6.89 | 绿 164.09 | 49.90% | 1,800,000.00 | 2021-06-25 |  |",
        "## 逾期未付 · 0 笔\n\n无。\n",
        "## 下月到期 · 2 笔",
        "| P02 | RHCG-2021-017 | 攀枝花市安源安全技术服务有限公司 | 2021-07-31 | 647,500.00 | 0.00 | 647,500.00 |",
        "| 全部 | 693,699.47 | 786,258.97 | -92,559.50 |",
        "| 项目支出 / 上年结转 | 0.00 | 23,000.00 | -23,000.00 |",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in\n{md}");
    }

    // the same figures in English and 万元, every amount of a column with the
    // decimals the column needs: the budgets four (20.9425 万), the spent six
    // (154.600002 万), the committed two
    let md = review(&["--lang", "en", "--unit", "wan", "--format", "md"]);
    for expected in [
        "# 攀枝花市仁和区应急管理局 · 2021-06 month-end review\n",
        "as of 2021-06-30 · time progress (by month) 50.00% · unit 10k yuan",
        "red lights 1 · lagging 1 · overspent 0 · idle 6 · overdue 0 · due next month 2",
        "| code | name | budget | spent | rate | expected | gap | light | projected | committed | last paid | status |",
        "| P13 | 2020年中央自然灾害救灾资金（培训演练） | 20.0000 | 0.620000 | 3.10% | 50.00% | -46.90 | red 6.20 | 6.67% | 0.00 | 2021-06-22 | lagging |",
        "| P05 | 综合应急救援队建队专项资金 | 558.0800 | 98.470000 | 17.64% | 10.75% (contract) | +6.89 | green 164.09 | 49.90% | 180.00 | 2021-06-25 |  |",
        "| P14 | 2020年中央财政农业资源及生态保护补助资金（长江禁捕） | 20.9425 | 10.406500 |",
        "| B01 | 在职人员工资福利 | 309.2000 | 154.600002 |",
        "## Overdue · 0\n\nNone.\n",
        "| P02 | RHCG-2021-017 | 攀枝花市安源安全技术服务有限公司 | 2021-07-31 | 64.75 | 0.00 | 64.75 |",
        // 693,699.47 and 786,258.97 yuan: exact, so six decimals down the columns
        "| all | 69.369947 | 78.625897 | -9.25595 |",
        "| project spending | 36.518000 | 48.012000 | -11.49400 |",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in\n{md}");
    }

    // the terminal table shows the figures the Markdown does, in the user's language
    let table = review(&["--lang", "en"]);
    let p05 = table.lines().find(|l| l.contains("P05 ")).unwrap();
    for figure in [
        "5,580,800.00",
        "984,700.00",
        "17.64%",
        "10.75% (contract)",
        "1,800,000.00",
    ] {
        assert!(p05.contains(figure), "{figure} in {p05}");
    }
    assert!(
        table.contains("Paid this month against last month"),
        "{table}"
    );
    let table = review(&["--lang", "zh", "--unit", "wan"]);
    let p13 = table.lines().find(|l| l.contains("P13 ")).unwrap();
    assert!(
        p13.contains(" 20.0000 ") && p13.contains(" 0.620000 ") && p13.contains("滞后"),
        "{p13}"
    );
    assert!(table.contains("本月支付与上月比较"), "{table}");

    // CSV: headers and words in the language, plain numbers in the unit the header names
    let csv = review(&["--lang", "zh", "--unit", "wan", "--format", "csv"]);
    // with a BOM, so Excel and WPS read the Chinese
    let csv = csv.strip_prefix('\u{feff}').expect("a BOM");
    let mut rows = csv.lines();
    assert_eq!(
        rows.next(),
        Some(
            "编码,名称,预算数（万元）,已支出（万元）,执行率（%）,应达进度（%）,进度依据,差距（百分点）,预警,预警值,全年预计执行数（万元）,预计执行率（%）,已承诺未付（万元）,滞后,超支,久未支付,最近支付"
        )
    );
    assert_eq!(
        rows.next(),
        Some(
            "P13,2020年中央自然灾害救灾资金（培训演练）,20.0000,0.620000,3.10,50.00,时间,-46.90,红,6.20,1.333000,6.67,0.00,是,否,否,2021-06-22"
        )
    );
    // then the instalments and the month's flows, each under its title
    assert!(
        csv.contains("\n\n下月到期 · 2 笔\n指标,合同,收款人,到期日,应付,已付,未付\nP02,RHCG-2021-017,攀枝花市安源安全技术服务有限公司,2021-07-31,64.75,0.00,64.75\n"),
        "{csv}"
    );
    // 693,699.47 and 786,258.97 yuan in 万元, exact, as the review's tables write them
    assert!(
        csv.contains("\n全部,69.369947,78.625897,-9.25595\n"),
        "{csv}"
    );
    let csv = review(&["--lang", "en", "--format", "csv"]);
    let csv = csv.strip_prefix('\u{feff}').expect("a BOM");
    assert!(csv.starts_with(
        "code,name,budget (yuan),spent (yuan),rate (%),expected (%),expected by,gap (points),light,light ratio,projected (yuan),projected rate (%),committed (yuan),lagging,overspent,idle,last paid\n"
    ), "{csv}");
    assert!(
        csv.contains("\nP05,综合应急救援队建队专项资金,5580800.00,984700.00,17.64,10.75,contract,6.89,green,164.09,2784700.00,49.90,1800000.00,no,no,no,2021-06-25\n"),
        "{csv}"
    );

    // JSON stays the language-neutral contract
    let zh: Value = serde_json::from_str(&review(&[
        "--lang", "zh", "--unit", "wan", "--format", "json",
    ]))
    .unwrap();
    let en: Value = serde_json::from_str(&review(&["--format", "json"])).unwrap();
    assert_eq!(zh, en);
    assert_eq!(zh["lines"][0]["budget"], "200000.00");
}

#[test]
fn a_closed_month_takes_no_entries_until_reopened() {
    let env = Env::new();
    env.small_year();
    env.run(&[
        "pay",
        "B01",
        "100",
        "--date",
        "2021-06-10",
        "--payee",
        "x",
        "--voucher",
        "V1",
    ]);
    env.run(&["month", "close", "2021-06"]);
    assert_eq!(env.run(&["month", "list"]).trim(), "2021-06");
    let before = env.run(&["report", "--as-of", "2021-12-31", "--format", "json"]);
    let err = env.refused(&[
        "pay",
        "B01",
        "5",
        "--date",
        "2021-06-15",
        "--payee",
        "x",
        "--voucher",
        "V2",
    ]);
    assert!(
        err.contains("date: 2021-06-15 falls in 2021-06, which is closed"),
        "{err}"
    );
    let err = env.refused(&["reverse", "1", "--reason", "wrong", "--date", "2021-06-20"]);
    assert!(err.contains("which is closed"), "{err}");
    let err = env.refused(&[
        "adjust",
        "B01",
        "100",
        "--date",
        "2021-06-01",
        "--doc",
        "d",
        "--reason",
        "r",
    ]);
    assert!(err.contains("which is closed"), "{err}");
    let file = env.write(
        "june.csv",
        "date,line,amount,payee,voucher\n2021-07-01,B01,1.00,x,V3\n2021-06-30,B01,1.00,x,V4\n",
    );
    let err = env.refused(&["import", "disbursements", file.to_str().unwrap()]);
    assert!(err.contains("row 3") && err.contains("closed"), "{err}");
    assert_eq!(
        env.run(&["report", "--as-of", "2021-12-31", "--format", "json"]),
        before
    );
    // the correction goes in an open month
    env.run(&["reverse", "1", "--reason", "wrong", "--date", "2021-07-02"]);
    assert!(
        env.refused(&["month", "close", "2021-06"])
            .contains("2021-06 is already closed")
    );
    env.run(&["month", "reopen", "2021-06"]);
    env.run(&[
        "pay",
        "B01",
        "5",
        "--date",
        "2021-06-15",
        "--payee",
        "x",
        "--voucher",
        "V2",
    ]);
    env.assert_logged(&["month.close", "month.reopen"]);
}

#[test]
fn year_close_carries_the_service_contract_into_2022() {
    let env = Env::demo();
    let before = env.run(&["report", "--as-of", "2021-12-31", "--format", "json"]);
    let next = env.dir.path().join("2022.redb");
    let out = env.run(&[
        "year",
        "close",
        "--into",
        next.to_str().unwrap(),
        "--carry",
        "P02,P05",
    ]);
    assert!(
        out.contains("2 carry-over lines") && out.contains("2 unpaid instalments"),
        "{out}"
    );
    // the old year is only read
    assert_eq!(
        env.run(&["report", "--as-of", "2021-12-31", "--format", "json"]),
        before
    );
    let in_2022 = |args: &[&str]| {
        let out = env.outlay_on(&next).args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let lines = in_2022(&["list", "lines", "--format", "csv"]);
    // P02's whole 130万 and P05's unspent 558.08 − 278.47 = 279.61万, as carry-over, keeping code and 文号
    assert!(lines.contains("P02,购买安全生产和应急管理服务,project,carryover,district,,购买安全生产和应急管理服务,1300000.00"), "{lines}");
    assert!(
        lines.contains("P05,") && lines.contains("2796100.00"),
        "{lines}"
    );
    let schedule: Value = serde_json::from_str(&in_2022(&[
        "list",
        "schedule",
        "--as-of",
        "2022-01-31",
        "--format",
        "json",
    ]))
    .unwrap();
    let outstanding: Vec<(&str, &str)> = schedule
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["item"]["contract"].as_str().unwrap(),
                s["outstanding"].as_str().unwrap(),
            )
        })
        .collect();
    // the 129.5万 outstanding on the service contract, in its two instalments; P05's contract was paid up
    assert_eq!(
        outstanding,
        vec![
            ("RHCG-2021-017", "647500.00"),
            ("RHCG-2021-017", "647500.00")
        ]
    );
    let indicators = in_2022(&["list", "indicators", "--format", "json"]);
    assert_eq!(indicators.trim(), "[]", "indicators stay with their year");
    // carrying an unknown line is refused and creates nothing
    let again = env.dir.path().join("again.redb");
    let err = env.refused(&[
        "year",
        "close",
        "--into",
        again.to_str().unwrap(),
        "--carry",
        "ZZ",
    ]);
    assert!(err.contains("'ZZ'"), "{err}");
    assert!(!again.exists());
}

#[test]
fn a_line_set_unpaced_is_not_lagging_and_settings_list_as_table_and_json() {
    let env = Env::new();
    env.small_year();
    let june = |env: &Env| -> Value {
        serde_json::from_str(&env.run(&["report", "--as-of", "2021-06-30", "--format", "json"]))
            .unwrap()
    };
    let line = |report: &Value, code: &str| -> Value { line_in(report, code).clone() };
    // nothing paid by 30 June: B01 trails time progress
    assert_eq!(line(&june(&env), "B01")["lagging"], true);
    let out = env.run(&["line", "set", "B01", "--paced", "off"]);
    assert_eq!(out.trim(), "B01 · paced off · carry-over off · tags —");
    let report = june(&env);
    assert_eq!(
        (
            &line(&report, "B01")["lagging"],
            &line(&report, "B01")["paced"]
        ),
        (&Value::Bool(false), &Value::Bool(false))
    );
    assert_eq!(line(&report, "P01")["paced"], true);
    let table = env.run(&["report", "--as-of", "2021-06-30"]);
    assert!(table.contains("not paced"), "{table}");
    let review: Value =
        serde_json::from_str(&env.run(&["review", "--month", "2021-06", "--format", "json"]))
            .unwrap();
    let b01 = line_in(&review, "B01");
    assert_eq!(
        (
            &b01["expectation"],
            &b01["expected"],
            &b01["gap"],
            &b01["lagging"]
        ),
        (
            &Value::from("unpaced"),
            &Value::Null,
            &Value::Null,
            &Value::Bool(false)
        )
    );
    // --carry alone keeps the line unpaced; --tags alone keeps both
    env.run(&["line", "set", "B01", "--carry", "on"]);
    env.run(&["line", "set", "P01", "--tags", "procurement,公务接待"]);
    let listed: Value =
        serde_json::from_str(&env.run(&["line", "settings", "--format", "json"])).unwrap();
    assert_eq!(
        listed,
        serde_json::json!([
            {"code": "B01", "name": "办公费", "paced": false, "carry_over": true, "tags": []},
            {"code": "P01", "name": "救援队", "paced": true, "carry_over": false,
             "tags": ["reception", "procurement"]}
        ])
    );
    let table = env.run(&["--lang", "zh", "line", "settings"]);
    assert!(
        table.contains("考核进度") && table.contains("B01") && table.contains("办公费"),
        "{table}"
    );

    // bad input names the field and stores nothing
    let before = env.run(&["line", "settings", "--format", "json"]);
    let err = env.refused(&["line", "set", "B01", "--paced", "maybe"]);
    assert!(
        err.contains("paced: 'maybe' is neither on nor off"),
        "{err}"
    );
    let err = env.refused(&["line", "set", "ZZ", "--carry", "on"]);
    assert!(
        err.contains("line: no budget line has the code 'ZZ'"),
        "{err}"
    );
    env.outlay().args(["line", "set", "B01"]).assert().code(2);
    assert_eq!(env.run(&["line", "settings", "--format", "json"]), before);
    env.assert_logged(&["line.settings"]);
}

#[test]
fn project_weights_and_reasons_are_set_listed_and_refused_by_field() {
    let env = Env::new();
    env.small_year();
    let settings = |env: &Env| env.run(&["project", "settings", "--format", "json"]);
    let defaults: Value = serde_json::from_str(&settings(&env)).unwrap();
    assert_eq!(
        defaults,
        serde_json::json!([{
            "project": "救援队",
            "weights": {"execution": "10", "output": "50", "effect": "30", "satisfaction": "10"},
            "reason": null
        }])
    );
    let out = env.run(&[
        "project",
        "set",
        "救援队",
        "--weights",
        "10,60,30,0",
        "--reason",
        "队员招录未满\n设备采购延后",
    ]);
    assert!(out.contains("weights 10,60,30,0"), "{out}");
    let set: Value = serde_json::from_str(&settings(&env)).unwrap();
    assert_eq!(set[0]["weights"]["satisfaction"], "0");
    assert_eq!(set[0]["reason"], "队员招录未满\n设备采购延后");
    let table = env.run(&["project", "settings"]);
    assert!(
        table.contains("救援队") && table.contains("队员招录未满…"),
        "{table}"
    );

    let before = settings(&env);
    for (args, expected) in [
        (
            vec!["--weights", "10,60,30"],
            "weights: '10,60,30' must be four numbers",
        ),
        (
            vec!["--weights", "-10,60,30,20"],
            "weights: the execution weight -10 is negative",
        ),
        (
            vec!["--weights", "10,50,30,0"],
            "weights: add up to 90, not 100",
        ),
        (
            vec!["--weights", "10,五十,30,10"],
            "weights: '五十' is not a number",
        ),
        (
            vec!["--weights", "10,50,30,10", "--reason", " "],
            "reason: is empty; to remove the reason use --clear-reason",
        ),
    ] {
        let mut full = vec!["project", "set", "救援队"];
        full.extend(args);
        let err = env.refused(&full);
        assert!(err.contains(expected), "{err} should contain {expected}");
    }
    let err = env.refused(&["project", "set", "无此项目", "--clear-reason"]);
    assert!(
        err.contains("project: no project line funds a project named '无此项目'"),
        "{err}"
    );
    let err = env.refused(&[
        "--lang",
        "zh",
        "project",
        "set",
        "救援队",
        "--weights",
        "10,50,30,0",
    ]);
    assert!(err.contains("各项权重：合计为 90，应为 100"), "{err}");
    env.outlay()
        .args([
            "project",
            "set",
            "救援队",
            "--reason",
            "x",
            "--clear-reason",
        ])
        .assert()
        .code(2);
    env.outlay()
        .args(["project", "set", "救援队"])
        .assert()
        .code(2);
    assert_eq!(settings(&env), before);

    env.run(&["project", "set", "救援队", "--clear-reason"]);
    let cleared: Value = serde_json::from_str(&settings(&env)).unwrap();
    assert_eq!(cleared[0]["reason"], Value::Null);
    assert_eq!(cleared[0]["weights"]["output"], "60", "the weights stay");
}

#[test]
fn notes_are_written_from_text_a_file_or_stdin_shown_and_cleared() {
    let env = Env::new();
    env.small_year();
    let out = env.run(&[
        "note",
        "set",
        "存在问题",
        "一、资金下达较晚\n二、合同未按期支付",
    ]);
    assert!(out.contains("Saved [problems found]"), "{out}");
    // a GBK file, as Notepad or WPS saves it in China
    let (gbk, _, _) = encoding_rs::GBK.encode("一、加快支付进度\n");
    let file = env.write("improvements.txt", gbk);
    env.run(&[
        "note",
        "set",
        "improvements",
        "--file",
        file.to_str().unwrap(),
    ]);
    env.outlay()
        .args(["note", "set", "conclusion", "-"])
        .write_stdin("自评等级：良\n")
        .assert()
        .success();
    let shown = env.run(&["--lang", "zh", "note", "show"]);
    assert_eq!(
        shown,
        "【评价结论】\n自评等级：良\n\n【存在问题】\n一、资金下达较晚\n二、合同未按期支付\n\n【改进措施】\n一、加快支付进度\n"
    );
    assert_eq!(
        env.run(&["note", "show", "problems"]),
        "一、资金下达较晚\n二、合同未按期支付\n"
    );
    env.run(&["note", "clear", "结论"]);
    let json: Value =
        serde_json::from_str(&env.run(&["note", "show", "--format", "json"])).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "conclusion": null,
            "improvements": "一、加快支付进度",
            "problems": "一、资金下达较晚\n二、合同未按期支付"
        })
    );

    let before = env.run(&["note", "show", "--format", "json"]);
    let err = env.refused(&["note", "set", "summary", "x"]);
    assert!(
        err.contains("section: 'summary' is not one of: conclusion, problems, improvements"),
        "{err}"
    );
    let err = env.refused(&["note", "set", "problems", " "]);
    assert!(
        err.contains("text: is empty; to remove a section use"),
        "{err}"
    );
    let long = env.write("long.txt", "问".repeat(20_001));
    let err = env.refused(&["note", "set", "problems", "--file", long.to_str().unwrap()]);
    assert!(
        err.contains("text: is 20001 characters long; at most 20000 are kept"),
        "{err}"
    );
    let binary = env.write("binary.dat", b"\x7fELF\x00\x01");
    let err = env.refused(&[
        "note",
        "set",
        "problems",
        "--file",
        binary.to_str().unwrap(),
    ]);
    assert!(
        err.contains("file: ") && err.contains("is not text"),
        "{err}"
    );
    let err = env.refused(&["note", "show", "总结"]);
    assert!(err.contains("section: '总结'"), "{err}");
    env.outlay()
        .args(["note", "set", "problems"])
        .assert()
        .code(2);
    assert_eq!(env.run(&["note", "show", "--format", "json"]), before);
    env.assert_logged(&["note.set", "note.clear"]);
}

#[test]
fn year_close_without_carry_takes_the_lines_marked_in_the_ledger() {
    let env = Env::demo();
    let next = env.dir.path().join("2022.redb");
    let err = env.refused(&["year", "close", "--into", next.to_str().unwrap()]);
    assert!(
        err.contains("carry: no line is marked for carry-over")
            && err.contains("outlay line set CODE --carry on"),
        "{err}"
    );
    assert!(!next.exists());
    env.run(&["line", "set", "P02", "--carry", "on"]);
    env.run(&["line", "set", "P05", "--carry", "on"]);
    let out = env.run(&["year", "close", "--into", next.to_str().unwrap()]);
    assert!(
        out.contains("2 carry-over lines") && out.contains("2 unpaid instalments"),
        "{out}"
    );
    let lines = env
        .outlay_on(&next)
        .args(["list", "lines", "--format", "csv"])
        .assert()
        .success();
    let lines = String::from_utf8(lines.get_output().stdout.clone()).unwrap();
    assert!(
        lines.contains("P02,") && lines.contains("2796100.00"),
        "{lines}"
    );
    // naming lines still wins over the marks
    let named = env.dir.path().join("named.redb");
    let out = env.run(&[
        "year",
        "close",
        "--into",
        named.to_str().unwrap(),
        "--carry",
        "P05",
    ]);
    assert!(out.contains("1 carry-over line ·"), "{out}");
}

#[test]
fn import_refusals_read_in_chinese_when_the_language_is_chinese() {
    let env = Env::new();
    env.small_year();
    let refused_in_chinese = |name: &str, row: &str| {
        let file = env.write(
            name,
            format!("指标编码,支付日期,支付金额,收款人,凭证号\n{row}\n"),
        );
        let out = env
            .outlay()
            .args(["--lang", "zh", "import", "disbursements"])
            .arg(&file)
            .assert()
            .code(1);
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    };
    let err = refused_in_chinese("支付.csv", "B01,2021-13-01,100,某公司,V1");
    assert!(
        err.contains("第 2 行，“支付日期”列：“2021-13-01”不是日期"),
        "{err}"
    );
    let err = refused_in_chinese("支付2.csv", "ZZ9,2021-03-01,100,某公司,V1");
    assert!(
        err.contains("第 2 行，“指标”列：没有编码为“ZZ9”的预算指标"),
        "{err}"
    );
    // nothing was stored
    assert_eq!(env.report()["groups"]["all"]["spent"], "0.00");
}

#[test]
fn reading_commands_leave_the_ledger_file_untouched() {
    use std::os::unix::fs::MetadataExt;
    let env = Env::new();
    env.small_year();
    let stamp = || {
        let meta = std::fs::metadata(env.db()).unwrap();
        (
            std::fs::read(env.db()).unwrap(),
            meta.mtime_nsec(),
            meta.mtime(),
        )
    };
    let before = stamp();
    for args in [
        &["report"][..],
        &["review", "--month", "2021-06"],
        &["summary"],
        &["list", "disbursements"],
        &["monitor"],
        &["check"],
    ] {
        env.run(args);
        assert!(stamp() == before, "{args:?} wrote to the ledger");
    }
    // a change does write
    env.run(&[
        "pay",
        "B01",
        "1",
        "--date",
        "2021-02-01",
        "--payee",
        "x",
        "--voucher",
        "W1",
    ]);
    assert!(stamp() != before);
    // a ledger just made, before anything is written to it, reads untouched too
    let fresh = Env::new();
    fresh.run(&["init", "--year", "2021", "--department", "测试局"]);
    let made = std::fs::read(fresh.db()).unwrap();
    fresh.run(&["report"]);
    assert!(std::fs::read(fresh.db()).unwrap() == made);
}

#[test]
fn list_disbursements_sorts_by_any_indexed_column_and_reverses() {
    let env = Env::demo();
    let ids = |args: &[&str]| -> Vec<(u64, String)> {
        let mut all = vec!["list", "disbursements", "--format", "json"];
        all.extend_from_slice(args);
        let rows: Vec<serde_json::Value> = serde_json::from_str(&env.run(&all)).unwrap();
        rows.iter()
            .map(|r| {
                (
                    r["id"].as_u64().unwrap(),
                    r["payee"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let all = ids(&[]);
    assert!(all.len() > 100);
    // the last three by payee (then as entered) of the whole year
    let mut by_payee = all.clone();
    by_payee.sort_by(|a, b| (&a.1, a.0).cmp(&(&b.1, b.0)).reverse());
    let top = ids(&["--sort", "payee", "--reverse", "--limit", "3"]);
    assert_eq!(top, by_payee[..3]);
    // as entered: ids ascending; reversed, descending
    let entered: Vec<u64> = ids(&["--sort", "entered"]).iter().map(|r| r.0).collect();
    let mut sorted = entered.clone();
    sorted.sort_unstable();
    assert_eq!(entered, sorted);
    let back: Vec<u64> = ids(&["--sort", "entered", "--reverse"])
        .iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(back, sorted.into_iter().rev().collect::<Vec<_>>());
}
