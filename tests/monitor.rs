//! In-year monitoring of indicators end to end: `indicator progress`, `list
//! progress`, `import progress`, and the 绩效运行监控 return `monitor`.

mod common;

use common::Env;
use serde_json::Value;

/// The small year with one indicator on 救援队 (#1, ≥ 160 人).
fn year_with_an_indicator() -> Env {
    let env = Env::new();
    env.small_year();
    env.add_head_count_indicator("20");
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

const JULY: &str = "2021-07-31";

fn demo_return(env: &Env) -> Value {
    serde_json::from_str(&env.run(&["monitor", "--as-of", JULY, "--format", "json"])).unwrap()
}

fn project<'a>(r: &'a Value, name: &str) -> &'a Value {
    r["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["project"] == name)
        .unwrap_or_else(|| panic!("no project {name}"))
}

fn indicator<'a>(p: &'a Value, name: &str) -> &'a Value {
    p["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == name)
        .unwrap_or_else(|| panic!("no indicator {name}"))
}

const TEAM: &str = "综合应急救援队建队专项资金";
const SERVICE: &str = "购买安全生产和应急管理服务";
const SPECIAL: &str = "应急管理及安全生产专项工作";
const COMMUNITY: &str = "老街社区安全生产基础条件提升和安全隐患排查整改";

#[test]
fn the_demo_july_return_as_json_carries_money_goal_progress_and_flags() {
    let env = Env::demo();
    let r = demo_return(&env);
    assert_eq!(
        (&r["as_of"], &r["through_month"]),
        (&Value::from(JULY), &Value::from(7))
    );
    // money as the report as of the date has it, projection and light included
    let report: Value =
        serde_json::from_str(&env.run(&["report", "--as-of", JULY, "--format", "json"])).unwrap();
    let projects = r["projects"].as_array().unwrap();
    assert_eq!(projects.len(), report["projects"].as_array().unwrap().len());
    for row in report["projects"].as_array().unwrap() {
        let p = project(&r, row["project"].as_str().unwrap());
        for field in [
            "budget",
            "spent",
            "rate",
            "projected",
            "projected_rate",
            "light",
        ] {
            assert_eq!(p[field], row[field], "{} {field}", row["project"]);
        }
    }
    let team = project(&r, TEAM);
    assert_eq!(
        (&team["budget"], &team["spent"]),
        (&Value::from("5580800.00"), &Value::from("1284700.00"))
    );
    assert!(
        team["goal"]
            .as_str()
            .unwrap()
            .starts_with("组建区综合应急救援队伍160人"),
        "{}",
        team["goal"]
    );
    let members = indicator(team, "综合应急救援队人数");
    assert_eq!(
        (&members["value"], &members["projected"], &members["tier"]),
        (
            &Value::from("152 人"),
            &Value::from("160 人"),
            &Value::from("output")
        )
    );
    assert_eq!(members["cause"], "staffing");
    assert_eq!(members["rectification_needed"], false);
    let fee = indicator(project(&r, SERVICE), "技术服务费");
    assert_eq!(
        (
            &fee["cause"],
            &fee["likelihood"],
            &fee["rectification_needed"]
        ),
        (
            &Value::from("funding"),
            &Value::from("possible"),
            &Value::from(true)
        )
    );
    assert!(fee["rectify"].as_str().unwrap().contains("分期支付"));
    // an indicator nobody reported has empty cells
    let unreported = indicator(project(&r, SERVICE), "合同完成质量");
    assert_eq!(
        (&unreported["reported_on"], &unreported["value"]),
        (&Value::Null, &Value::Null)
    );

    // Flagged: the special work (projected below 100 %, no reason) and the
    // community's shelters (有可能, no reason); the team has a reason.
    let flagged: Vec<&str> = projects
        .iter()
        .filter(|p| !p["unexplained"].as_array().unwrap().is_empty())
        .map(|p| p["project"].as_str().unwrap())
        .collect();
    assert_eq!(flagged, [SPECIAL, COMMUNITY], "{r}");
    assert_eq!(project(&r, SPECIAL)["unexplained"][0]["kind"], "execution");
    let shelters = &project(&r, COMMUNITY)["unexplained"][0];
    assert_eq!(
        (&shelters["kind"], &shelters["name"], &shelters["shortfall"]),
        (
            &Value::from("indicator"),
            &Value::from("应急避难场所"),
            &Value::from("uncertain")
        )
    );
    assert_eq!(project(&r, TEAM)["unexplained"], serde_json::json!([]));
}

#[test]
fn the_return_follows_the_date_and_a_reason_clears_a_flag() {
    let env = Env::demo();
    // before July's values were entered, nothing was reported
    let june: Value =
        serde_json::from_str(&env.run(&["monitor", "--as-of", "2021-06-30", "--format", "json"]))
            .unwrap();
    let members = indicator(project(&june, TEAM), "综合应急救援队人数");
    assert_eq!(
        (&members["value"], &june["through_month"]),
        (&Value::Null, &Value::from(6))
    );

    let out = env
        .outlay()
        .args(["monitor", "--as-of", JULY])
        .assert()
        .success();
    let notes = common::stderr(out.get_output());
    assert!(
        notes.contains("note: indicator #101 '应急避难场所' of project")
            && notes.contains("may not reach its target"),
        "{notes}"
    );
    env.run(&[
        "indicator",
        "progress",
        "101",
        "--date",
        JULY,
        "--value",
        "2 处",
        "--projected",
        "3 处",
        "--likelihood",
        "possible",
        "--cause",
        "equipment",
        "--reason",
        "第三处场所选址待定",
    ]);
    let r = demo_return(&env);
    let community = project(&r, COMMUNITY);
    assert_eq!(community["unexplained"], serde_json::json!([]));
    assert_eq!(indicator(community, "应急避难场所")["cause"], "equipment");
    let out = env
        .outlay()
        .args(["monitor", "--as-of", JULY])
        .assert()
        .success();
    let notes = common::stderr(out.get_output());
    assert!(!notes.contains("#101"), "{notes}");
    assert!(
        notes.contains(&format!("note: project '{SPECIAL}' is projected at")),
        "{notes}"
    );
}

#[test]
fn the_return_as_a_table_markdown_and_csv_in_either_language_and_unit() {
    let env = Env::demo();
    let zh = |format: &str| {
        env.run(&[
            "--lang", "zh", "monitor", "--as-of", JULY, "--format", format,
        ])
    };
    let table = zh("table");
    for expected in [
        "攀枝花市仁和区应急管理局2021年绩效运行监控表",
        "截至 2021-07-31（预算执行数为 1—7月），序时进度 58.08%；金额单位：万元。",
        "预算执行数（1—7月）",
        "绩效目标：组建区综合应急救援队伍160人",
        "人员保障：第二批队员8人正在体检政审。",
        "（目标未必能完成，须说明原因）",
        "（预计执行率低于100%，须说明原因）",
        "完全不可能",
    ] {
        assert!(table.contains(expected), "{expected} in:\n{table}");
    }
    let md = zh("md");
    assert!(
        md.starts_with("# 攀枝花市仁和区应急管理局2021年绩效运行监控表\n"),
        "{md}"
    );
    assert!(
        md.contains("| 综合应急救援队建队专项资金 | 558.08 | 128.47 | 23.02% | 278.47 | 49.90% | 绿 | 按建队合同进度支付"),
        "{md}"
    );
    assert!(
        md.contains("| 产出指标 | 成本指标 | 技术服务费 | ≤ 130 万元 | 0 万元 | 65 万元 | 经费保障：区级财政资金紧张，合同款至7月底尚未支付。 | 有可能 | 是 | 向区财政局申请调度资金"),
        "{md}"
    );
    let csv = env
        .outlay()
        .args([
            "--lang", "zh", "monitor", "--as-of", JULY, "--format", "csv",
        ])
        .assert()
        .success();
    let csv = csv.get_output().stdout.clone();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
    let csv = common::text(&csv[3..]);
    assert!(
        csv.contains(
            "项目名称,预算数,预算执行数（1—7月）,执行率,全年预计执行数,预计执行率,预警,原因\n"
        ),
        "{csv}"
    );
    assert!(
        csv.contains("产出指标,数量指标,应急演练,≥ 1 次,0 次,0 次,其他：演练方案须待"),
        "{csv}"
    );
    // English words, amounts in yuan when asked
    let en = env.run(&[
        "--lang", "en", "--unit", "yuan", "monitor", "--as-of", JULY, "--format", "md",
    ]);
    assert!(en.contains("amounts in yuan"), "{en}");
    assert!(
        en.contains("| 综合应急救援队建队专项资金 | 5580800.00 | 1284700.00 | 23.02% |"),
        "{en}"
    );
    assert!(
        en.contains("| outputs | quantity | 应急演练 | ≥ 1 次 | 0 次 | 0 次 | other: "),
        "{en}"
    );
}

#[test]
fn the_return_as_a_workbook_is_one_sheet_with_figures_as_numbers() {
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    let env = Env::demo();
    let err = env.refused(&["monitor", "--format", "xlsx"]);
    assert!(err.contains("--output"), "{err}");
    let err = env.refused(&["monitor", "--as-of", "2022-07-31"]);
    assert!(
        err.contains("as_of: 2022-07-31 is outside fiscal year 2021"),
        "{err}"
    );
    let path = env.dir.path().join("monitor.xlsx");
    let said = env.run(&[
        "--lang",
        "zh",
        "monitor",
        "--as-of",
        JULY,
        "--format",
        "xlsx",
        "--output",
        path.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(
        said.trim(),
        format!(
            "已写入 {}：绩效运行监控表，13 个项目、89 个绩效指标，{} 字节；其中 2 个项目尚须说明原因。",
            path.display(),
            bytes.len()
        )
    );
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    assert_eq!(names.len(), 1, "{names:?}");
    let sheet = book.worksheet_range(&names[0]).unwrap();
    assert_eq!(
        common::xlsx_cell(&sheet, 0, 0),
        "攀枝花市仁和区应急管理局2021年绩效运行监控表"
    );
    let row = |label: &str| -> Vec<Data> {
        sheet
            .rows()
            .find(|r| r.first() == Some(&Data::String(label.into())))
            .unwrap_or_else(|| panic!("no row {label}"))
            .to_vec()
    };
    let team = row(TEAM);
    assert_eq!(
        team[1..4],
        [Data::Float(558.08), Data::Float(128.47), Data::Float(23.02)]
    );
    assert_eq!(team[6], Data::String("绿".into()));
    let drill: Vec<Data> = sheet
        .rows()
        .find(|r| r.get(2) == Some(&Data::String("应急演练".into())))
        .unwrap()
        .to_vec();
    assert_eq!(drill[7], Data::String("完全不可能".into()));
    assert_eq!(drill[8], Data::String("是".into()));
}
