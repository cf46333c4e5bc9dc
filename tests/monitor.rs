//! In-year monitoring of indicators end to end: `indicator progress`, `list
//! progress`, `import progress`, and the 绩效运行监控 return `monitor`.

mod common;

use common::Env;
use serde_json::Value;

/// The small year with one indicator on 救援队 (#1, ≥ 160 人).
fn year_with_an_indicator() -> Env {
    let env = Env::new();
    env.small_year();
    env.run(&[
        "indicator",
        "add",
        "--project",
        "救援队",
        "--category",
        "quantity",
        "--name",
        "队员人数",
        "--target",
        "≥ 160 人",
        "--weight",
        "20",
    ]);
    env
}

fn progress(env: &Env) -> Value {
    serde_json::from_str(&env.run(&["list", "progress", "--format", "json"])).unwrap()
}

#[test]
fn progress_is_recorded_confirmed_in_both_languages_and_replaced_on_the_same_date() {
    let env = year_with_an_indicator();
    let said = env.run(&[
        "indicator",
        "progress",
        "1",
        "--date",
        "2021-07-31",
        "--value",
        "120 人",
        "--projected",
        "150 人",
        "--cause",
        "staffing",
        "--reason",
        "第二批招录推迟",
        "--likelihood",
        "possible",
        "--rectify",
        "9月底前完成第二批招录",
    ]);
    assert_eq!(
        said.trim(),
        "Recorded progress of indicator #1 队员人数 on 2021-07-31: 120 人 · projected 150 人 \
         · cause staffing · possible · rectification needed"
    );
    let values = progress(&env);
    let first = &values[0];
    assert_eq!(first["value"]["text"], "120 人");
    assert_eq!(first["value"]["value"]["number"], "120");
    assert_eq!(
        (&first["cause"], &first["likelihood"]),
        (&Value::from("staffing"), &Value::from("possible"))
    );
    assert_eq!(first["rectify"], "9月底前完成第二批招录");

    // Chinese words are read too, and the confirmation is in Chinese.
    let zh = env
        .outlay()
        .args([
            "--lang",
            "zh",
            "indicator",
            "progress",
            "1",
            "--date",
            "2021-07-31",
            "--value",
            "130 人",
            "--likelihood",
            "确定能",
            "--cause",
            "人员保障",
        ])
        .assert()
        .success();
    let zh = common::text(&zh.get_output().stdout);
    assert_eq!(
        zh.trim(),
        "已记录绩效指标 #1 队员人数 2021-07-31 完成情况：130 人 · 偏差原因 人员保障 · 确定能"
    );
    // The same date again replaced the value; another date adds one.
    let values = progress(&env);
    assert_eq!(values.as_array().unwrap().len(), 1, "{values}");
    assert_eq!(values[0]["value"]["text"], "130 人");
    assert_eq!(values[0]["projected"], Value::Null, "replaced whole");
    env.run(&[
        "indicator",
        "progress",
        "1",
        "--date",
        "2021-06-30",
        "--value",
        "100 人",
    ]);
    let dates: Vec<String> = progress(&env)
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["date"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(dates, ["2021-06-30", "2021-07-31"], "by date");
    let events = env.events();
    assert!(
        events.contains("indicator.progress") && events.contains("replaces 120 人"),
        "{events}"
    );
    env.run(&["check"]);
}

#[test]
fn a_bad_cause_likelihood_date_value_or_indicator_is_refused_by_field_and_stores_nothing() {
    let env = year_with_an_indicator();
    env.run(&[
        "indicator",
        "progress",
        "1",
        "--date",
        "2021-06-30",
        "--value",
        "100 人",
    ]);
    let before = (progress(&env), env.events());
    let record = |rest: &[&str]| -> Vec<String> {
        ["indicator", "progress"]
            .iter()
            .chain(rest)
            .map(|s| s.to_string())
            .collect()
    };
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "1",
                "--date",
                "2021-07-31",
                "--value",
                "1 人",
                "--cause",
                "weather",
            ],
            "cause: 'weather' is not one of: funding, rules, staffing, equipment, other",
        ),
        (
            &[
                "1",
                "--date",
                "2021-07-31",
                "--value",
                "1 人",
                "--likelihood",
                "maybe",
            ],
            "likelihood: 'maybe' is not one of: certain, possible, impossible",
        ),
        (
            &["1", "--date", "2022-01-31", "--value", "1 人"],
            "date: 2022-01-31 is outside fiscal year 2021",
        ),
        (
            &["1", "--date", "2021-02-30", "--value", "1 人"],
            "date: '2021-02-30' is not a date",
        ),
        (
            &["1", "--date", "2021-07-31", "--value", "  "],
            "value: must not be empty",
        ),
        (
            &["9", "--date", "2021-07-31", "--value", "1 人"],
            "indicator: there is no indicator #9",
        ),
    ];
    for (rest, expected) in cases {
        let args = record(rest);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let err = env.refused(&args);
        assert!(err.contains(expected), "{rest:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
    }
    assert_eq!((progress(&env), env.events()), before, "nothing stored");
    let zh = env
        .outlay()
        .args([
            "--lang",
            "zh",
            "indicator",
            "progress",
            "1",
            "--date",
            "2021-07-31",
            "--value",
            "1",
            "--cause",
            "天气",
        ])
        .assert()
        .code(1);
    let zh = common::stderr(zh.get_output());
    assert!(
        zh.contains("偏差原因类型：“天气”不是以下之一：funding（经费保障）"),
        "{zh}"
    );
}

#[test]
fn a_progress_file_imports_all_or_nothing_by_chinese_headers_and_the_listing_reimports() {
    let env = year_with_an_indicator();
    let file = env.write(
        "progress.csv",
        "指标编号,日期,完成情况,全年预计,偏差原因类型,偏差原因,完成可能性,整改措施\n\
         1,2021-06-30,100 人,160 人,,,确定能,\n\
         1,2021-07-31,120 人,150 人,人员保障,招录推迟,有可能,加快招录\n",
    );
    let file = file.to_str().unwrap();
    let out = env.run(&["import", "progress", file]);
    assert!(out.contains(": 2 new, 0 already present"), "{out}");
    let again = env.run(&["import", "progress", file]);
    assert!(again.contains(": 0 new, 2 already present"), "{again}");
    let values = progress(&env);
    assert_eq!(values[1]["cause"], "staffing");
    assert_eq!(values[1]["reason"], "招录推迟");

    // The listing's CSV is a file `import progress` reads back unchanged.
    let listed = env.run(&["list", "progress", "--format", "csv"]);
    assert!(
        listed.starts_with("indicator,date,value,projected,cause,reason,likelihood,rectify,"),
        "{listed}"
    );
    let listed = env.write("listed.csv", &listed);
    let back = env.run(&["import", "progress", listed.to_str().unwrap()]);
    assert!(back.contains(": 0 new, 2 already present"), "{back}");

    // A bad row refuses the whole file, naming row and column.
    let before = (progress(&env), env.events());
    let cases = [
        (
            "indicator,date,value\n1,2021-08-31,130 人\n7,2021-08-31,1 人\n",
            "row 3, column 'indicator': there is no indicator #7",
        ),
        (
            "指标编号,日期,完成情况,完成可能性\n1,2021-08-31,130 人,说不准\n",
            "row 2, column '完成可能性': '说不准' is not one of: certain (确定能)",
        ),
        (
            "indicator,date,value,cause\n1,2020-12-31,1 人,\n",
            "row 2, column 'date': 2020-12-31 is outside fiscal year 2021",
        ),
        (
            "indicator,date,value\n1,2021-08-31,1 人\n1,2021-08-31,2 人\n",
            "row 3, column 'date': indicator #1 on 2021-08-31 is already in row 2",
        ),
    ];
    for (text, expected) in cases {
        let bad = env.write("bad.csv", text);
        let err = env.refused(&["import", "progress", bad.to_str().unwrap()]);
        assert!(err.contains(expected), "{text}: {err}");
    }
    assert_eq!((progress(&env), env.events()), before, "nothing stored");
}
