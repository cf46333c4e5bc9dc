//! In-year monitoring end to end: the demo year's warning lights,
//! projections and checkpoints as of 30 June and 30 September worked by hand
//! from the seed's data, the size rule, ageing carry-over, and the settings
//! that change the rules (refusals store nothing).

mod common;

use common::{Env, line_in};
use serde_json::Value;

fn report(env: &Env, as_of: &str) -> Value {
    serde_json::from_str(&env.run(&["report", "--as-of", as_of, "--format", "json"])).unwrap()
}

/// (light, light_ratio, projected, projected_rate) of a line or group as JSON.
fn lit(figures: &Value) -> (String, String, String, String) {
    let text = |v: &Value| v.as_str().map_or("null".to_string(), str::to_string);
    (
        text(&figures["light"]),
        text(&figures["light_ratio"]),
        text(&figures["projected"]),
        text(&figures["projected_rate"]),
    )
}

fn four(a: &str, b: &str, c: &str, d: &str) -> (String, String, String, String) {
    (a.into(), b.into(), c.into(), d.into())
}

#[test]
fn the_demo_year_as_of_30_june_worked_by_hand() {
    let demo = Env::demo();
    let r = report(&demo, "2021-06-30");
    // 序时进度 by day: 181 ÷ 365 = 49.59 %
    assert_eq!(r["time_progress"], "49.59");
    // The whole year: 3,887,241.12 of 12,402,840.00 = 31.34 %; the bureau's
    // ratio 31.34 ÷ 49.59 × 100 = 63.20: yellow.
    let all = &r["groups"]["all"];
    assert_eq!(
        (&all["budget"], &all["spent"]),
        (&"12402840.00".into(), &"3887241.12".into())
    );
    assert_eq!(lit(all).0, "yellow");
    assert_eq!(lit(all).1, "63.20");
    // Projects: 23.38 ÷ 49.59 = 47.15: red; basic 49.83 ÷ 49.59 = 100.48: green.
    assert_eq!(lit(&r["groups"]["project"]).0, "red");
    assert_eq!(lit(&r["groups"]["project"]).1, "47.15");
    assert_eq!(lit(&r["groups"]["basic"]).1, "100.48");
    // The checkpoint of 30 June: 50 % of 12,402,840.00 = 6,201,420.00, less
    // 3,887,241.12 spent = 2,314,178.88 still to pay.
    let checkpoint = &r["checkpoint"];
    assert_eq!(
        (
            &checkpoint["date"],
            &checkpoint["target"],
            &checkpoint["to_pay"]
        ),
        (&"2021-06-30".into(), &"50".into(), &"2314178.88".into())
    );

    // P13, the training fund (allocated 22 January): 6,200 of 200,000 = 3.10 %,
    // ratio 3.10 ÷ 49.59 = 6.25: red. Its own pace, 6,200 over the 160 days
    // 22 January – 30 June, goes on for the 184 days left: 6,200 × 184 ÷ 160 =
    // 7,130 more, 13,330.00 = 6.67 % of its budget.
    assert_eq!(
        lit(line_in(&r, "P13")),
        four("red", "6.25", "13330.00", "6.67")
    );
    // P05, the rescue team's contract: 600,000 of its instalments due by June
    // (31 May, 30 June) of 5,580,800 = 10.75 % expected; 17.64 % spent; ratio
    // 17.64 ÷ 10.75 = 164.09: green. Projected: 984,700 spent + six unpaid
    // instalments of 300,000 to December = 2,784,700.00 = 49.90 %.
    let p05 = line_in(&r, "P05");
    assert_eq!(
        (&p05["expectation"], &p05["expected"]),
        (&"schedule".into(), &"10.75".into())
    );
    assert_eq!(lit(p05), four("green", "164.09", "2784700.00", "49.90"));
    // P02, the services contract: nothing due before 31 July, so nothing is
    // expected yet (green, no ratio); it projects its two unpaid instalments.
    assert_eq!(
        lit(line_in(&r, "P02")),
        four("green", "null", "1295000.00", "99.62")
    );
    // B01, wages: 50.00 ÷ 49.59 = 100.83; at its pace it would pass its
    // budget, so it projects the budget itself.
    assert_eq!(
        lit(line_in(&r, "B01")),
        four("green", "100.83", "3092000.00", "100.00")
    );
    // B04 has no budget: no light, no projected rate.
    assert_eq!(
        lit(line_in(&r, "B04")),
        four("null", "null", "0.00", "null")
    );

    // Proposed reductions: P05 (2,796,100.00 = 50.10 % left) and P13
    // (186,670.00 = 93.34 %), more than 10 % projected unspent.
    let cuts: Vec<(&str, &str, &str)> = r["reductions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["code"].as_str().unwrap(),
                c["unspent"].as_str().unwrap(),
                c["unspent_share"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        cuts,
        [
            ("P05", "2796100.00", "50.10"),
            ("P13", "186670.00", "93.34")
        ]
    );
    // The demo's carry-over came from 2020 (its document numbers say so): not old.
    assert_eq!(r["aged_carryover"], Value::Array(vec![]));
}

#[test]
fn the_demo_year_as_of_30_september_worked_by_hand() {
    let demo = Env::demo();
    let r = report(&demo, "2021-09-30");
    // 273 ÷ 365 = 74.79 %
    assert_eq!(r["time_progress"], "74.79");
    // 6,259,998.03 of 13,358,880.00 = 46.86 %; 46.86 ÷ 74.79 = 62.66: yellow.
    // 75 % of 13,358,880.00 = 10,019,160.00 − 6,259,998.03 = 3,759,161.97.
    let all = &r["groups"]["all"];
    assert_eq!(
        (lit(all).0.as_str(), lit(all).1.as_str()),
        ("yellow", "62.66")
    );
    assert_eq!(r["checkpoint"]["to_pay"], "3759161.97");
    assert_eq!(r["checkpoint"]["target"], "75");
    // P02: its first instalment (647,500, due 31 July) is unpaid: 49.81 %
    // expected, nothing spent: red at 0.00.
    let p02 = line_in(&r, "P02");
    assert_eq!(
        (&p02["expected"], &p02["light"], &p02["light_ratio"]),
        (&"49.81".into(), &"red".into(), &"0.00".into())
    );
    // P11: its one instalment of 200,000 fell due on 30 September, unpaid: red.
    assert_eq!(lit(line_in(&r, "P11")).0, "red");
    // P13: 17,400 over the 252 days since 22 January, for 92 days more:
    // 17,400 × 92 ÷ 252 = 6,352.38; 23,752.38 = 11.88 %. 8.70 ÷ 74.79 = 11.63.
    assert_eq!(
        lit(line_in(&r, "P13")),
        four("red", "11.63", "23752.38", "11.88")
    );
    // P10's contract pays only in December 2022: nothing projected this year,
    // the whole of it proposed for a cut (or carry-over).
    let p10 = r["reductions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "P10")
        .unwrap();
    assert_eq!(
        (&p10["unspent"], &p10["unspent_share"]),
        (&"537740.00".into(), &"100.00".into())
    );

    // The review of September lights its lines against month progress (75 %):
    // P13 8.70 ÷ 75 = 11.60, and says the year's checkpoint.
    let review: Value =
        serde_json::from_str(&demo.run(&["review", "--month", "2021-09", "--format", "json"]))
            .unwrap();
    assert_eq!(line_in(&review, "P13")["light_ratio"], "11.60");
    assert_eq!(review["all"]["light"], "yellow");
    assert_eq!(review["all"]["checkpoint"]["to_pay"], "3759161.97");
    let table = demo.run(&["review", "--month", "2021-09", "--lang", "zh"]);
    assert!(
        table.contains("9 月底须达 75%（现 46.86%），须再支付 3,759,161.97 元"),
        "{table}"
    );
    assert!(
        table.contains("调减建议（预计结余超过设定比例） · 3 项"),
        "{table}"
    );
    // The CSV carries the same: the year's total under the projects (46.86 ÷ 75 = 62.48),
    // and the proposed cuts with amount and share.
    let csv = demo.run(&[
        "review", "--month", "2021-09", "--format", "csv", "--lang", "en",
    ]);
    assert!(
        csv.contains("\ntotal (every line),13358880.00,6259998.03,46.86%,75.00%,-28.14,yellow 62.48,73.62%,3759161.97,"),
        "{csv}"
    );
    assert!(csv.contains("\nP10,四川省应急救援能力提升行动计划（2019至2021年）项目补助资金,537740.00,0.00,537740.00,100.00%\n"), "{csv}");
}

/// A year with one project line of `budget` yuan and `spent` paid by 30 September.
fn one_project(budget: &str, spent: &str) -> Env {
    let env = Env::new();
    env.run(&["init", "--year", "2021", "--department", "测试局"]);
    env.run(&[
        "line",
        "add",
        "--code",
        "P01",
        "--name",
        "大项目",
        "--kind",
        "project",
        "--amount",
        budget,
        "--doc",
        "仁财〔2021〕1号",
    ]);
    env.run(&[
        "pay",
        "P01",
        spent,
        "--voucher",
        "V1",
        "--payee",
        "某公司",
        "--date",
        "2021-09-01",
    ]);
    env
}

#[test]
fn a_large_project_line_20_points_behind_is_red_whatever_its_ratio() {
    // 30 September, 74.79 % expected. 5,400,000 of 10,000,000 = 54.00 %:
    // ratio 72.20 would be yellow, but 20.79 points behind on a line of
    // 10 million yuan is red.
    let large = one_project("10000000", "5400000");
    let p01 = line_in(&report(&large, "2021-09-30"), "P01").clone();
    assert_eq!(
        (&p01["light"], &p01["light_ratio"]),
        (&"red".into(), &"72.20".into())
    );
    // One fen under 10 million: the ratio decides, yellow.
    let smaller = one_project("9999999.99", "5400000");
    assert_eq!(
        line_in(&report(&smaller, "2021-09-30"), "P01")["light"],
        "yellow"
    );
    // The size rule is a setting: from 20 million up it no longer applies.
    large.run(&["settings", "--large-line", "2000万:20"]);
    assert_eq!(
        line_in(&report(&large, "2021-09-30"), "P01")["light"],
        "yellow"
    );
}

#[test]
fn bands_and_checkpoints_are_settings_and_a_bad_one_stores_nothing() {
    let env = one_project("1000000", "500000");
    // 50.00 % on 30 September: 50.00 ÷ 74.79 = 66.85, yellow by the national bands
    assert_eq!(
        line_in(&report(&env, "2021-09-30"), "P01")["light"],
        "yellow"
    );
    let shown = env.run(&[
        "settings",
        "--light-bands",
        "50,65",
        "--checkpoints",
        "06-30:40,09-30:60,12-31:100",
        "--reduction-share",
        "20",
    ]);
    assert!(
        shown.contains("checkpoints: 06-30:40,09-30:60,12-31:100"),
        "{shown}"
    );
    let r = report(&env, "2021-09-30");
    assert_eq!(line_in(&r, "P01")["light"], "green");
    // 60 % of 1,000,000 by 30 September: 100,000 more
    assert_eq!(
        (&r["checkpoint"]["target"], &r["checkpoint"]["to_pay"]),
        (&"60".into(), &"100000.00".into())
    );

    let before = env.run(&["settings"]);
    for (args, field) in [
        (["--checkpoints", "09-30:75,06-30:50"], "checkpoints"),
        (["--checkpoints", "02-29:10"], "checkpoints"),
        (["--light-bands", "80,60"], "light_bands"),
        (["--large-line", "1000万"], "large_line"),
        (["--reduction-share", "150"], "reduction_share"),
    ] {
        let mut all = vec!["settings"];
        all.extend(args);
        let err = env.refused(&all);
        assert!(err.contains(field), "{args:?}: {err}");
    }
    assert_eq!(
        env.run(&["settings"]),
        before,
        "a refused setting changed nothing"
    );
    // In Chinese, the field's name in Chinese
    let err = env
        .outlay()
        .args(["--lang", "zh", "settings", "--checkpoints", "6月底"])
        .assert()
        .code(1);
    let err = String::from_utf8(err.get_output().stderr.clone()).unwrap();
    assert!(err.contains("进度节点"), "{err}");
    env.assert_logged(&["monitoring_rules"]);
}

#[test]
fn carry_over_two_years_old_is_flagged_with_the_money_at_risk() {
    let env = Env::new();
    env.run(&["init", "--year", "2021", "--department", "测试局"]);
    // from 2019 by its document number; from 2018 as recorded; from 2020 by default
    for (code, doc, origin) in [
        ("C1", "仁财〔2019〕7号", None),
        ("C2", "仁财8号", Some("2018")),
        ("C3", "仁财9号", None),
    ] {
        let mut args = vec![
            "line",
            "add",
            "--code",
            code,
            "--name",
            "结转项目",
            "--kind",
            "project",
            "--source",
            "carryover",
            "--amount",
            "100000",
            "--doc",
            doc,
        ];
        if let Some(year) = origin {
            args.extend(["--origin-year", year]);
        }
        env.run(&args);
    }
    env.run(&[
        "pay",
        "C1",
        "30000",
        "--voucher",
        "V1",
        "--payee",
        "某公司",
        "--date",
        "2021-03-01",
    ]);
    let r = report(&env, "2021-06-30");
    let aged: Vec<(&str, i64, &str)> = r["aged_carryover"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["code"].as_str().unwrap(),
                a["origin_year"].as_i64().unwrap(),
                a["at_risk"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(aged, [("C1", 2019, "70000.00"), ("C2", 2018, "100000.00")]);
    let review = env.run(&["review", "--month", "2021-06", "--lang", "en"]);
    assert!(
        review.contains("Carry-over two or more years old (recovered if unspent) · 2"),
        "{review}"
    );

    // An origin year is for carry-over money, and from an earlier year
    let err = env.refused(&[
        "line",
        "add",
        "--code",
        "B9",
        "--name",
        "办公费",
        "--kind",
        "basic",
        "--econ-class",
        "goods",
        "--amount",
        "1000",
        "--doc",
        "x",
        "--origin-year",
        "2019",
    ]);
    assert!(
        err.contains("origin_year") && err.contains("only a carry-over line"),
        "{err}"
    );
    let err = env.refused(&[
        "line",
        "add",
        "--code",
        "C9",
        "--name",
        "结转",
        "--kind",
        "project",
        "--source",
        "carryover",
        "--amount",
        "1000",
        "--doc",
        "x",
        "--origin-year",
        "2021",
    ]);
    assert!(err.contains("2021 is not a year before 2021"), "{err}");
    assert!(
        !env.run(&["line", "settings"]).contains("C9"),
        "nothing stored"
    );

    // and the import names the row and column of a bad one
    let file = env.write(
        "lines.csv",
        "code,name,kind,source,level,amount,doc_no,allocated_on,origin_year\nC7,结转,project,carryover,district,1000,x,2021-01-01,2019年\nC8,结转,project,carryover,district,1000,x,2021-01-01,19\n",
    );
    let err = env.refused(&["import", "lines", file.to_str().unwrap()]);
    assert!(
        err.contains("row 3") && err.contains("origin_year") && err.contains("'19' is not a year"),
        "{err}"
    );
}
