//! `outlay form` end to end: the JSON contract's names, the form facts and
//! indicator notes written from the CLI reaching the form, and the exports.

mod common;

use std::collections::BTreeSet;

use common::{Env, xlsx_cell as cell};
use serde_json::Value;

fn forms(env: &Env, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["form", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str::<Value>(&env.run(&all))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn keys(value: &Value) -> BTreeSet<&str> {
    value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

fn has_all(value: &Value, names: &[&str]) {
    let present = keys(value);
    for name in names {
        assert!(present.contains(name), "missing key {name} in {present:?}");
    }
}

fn two_decimals(value: &Value) -> bool {
    value
        .as_str()
        .is_some_and(|s| s.split_once('.').is_some_and(|(_, f)| f.len() == 2))
}

#[test]
fn the_json_contract_keeps_its_names_in_both_layouts() {
    let demo = Env::demo();
    let national = forms(&demo, &[]);
    assert_eq!(national.len(), 16, "one form per project of the demo year");
    for form in &national {
        has_all(
            form,
            &[
                "project",
                "project_code",
                "department",
                "implementer",
                "layout",
                "year",
                "funds",
                "adjustments",
                "goals",
                "indicators",
                "total",
                "grade",
                "missing",
            ],
        );
        has_all(
            &form["funds"],
            &[
                "initial", "budget", "spent", "rate", "weight", "score", "reason", "rows",
            ],
        );
        has_all(&form["goals"], &["expected", "achieved"]);
        let rows: Vec<&str> = form["funds"]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                has_all(r, &["row", "initial", "budget", "spent", "rate"]);
                r["row"].as_str().unwrap()
            })
            .collect();
        assert_eq!(rows, ["total", "current", "carryover", "other"]);
        for i in form["indicators"].as_array().unwrap() {
            has_all(
                i,
                &[
                    "tier",
                    "category",
                    "name",
                    "nature",
                    "value",
                    "unit",
                    "target",
                    "actual",
                    "weight",
                    "score",
                    "achievement",
                    "deviation",
                    "measures",
                ],
            );
            assert!(two_decimals(&i["weight"]), "{}", i["weight"]);
            assert!(i["score"].is_null() || two_decimals(&i["score"]));
        }
        assert_eq!(form["layout"], "national");
        assert_eq!(form["year"], 2021);
    }
    // 应急管理办公经费: supplementary only (年初 0.00), cut by 1.418万 with its reason.
    let office = national
        .iter()
        .find(|f| f["project"] == "应急管理办公经费")
        .unwrap();
    assert_eq!(office["funds"]["initial"], "0.00");
    assert_eq!(office["funds"]["budget"], "85820.00");
    assert_eq!(office["funds"]["rate"], "100.00");
    assert_eq!(office["funds"]["weight"], "10.00");
    assert_eq!(office["funds"]["score"], "10.00");
    let adjustment = &office["adjustments"][0];
    has_all(adjustment, &["date", "line", "doc", "amount", "reason"]);
    assert_eq!(adjustment["amount"], "-14180.00");
    assert_eq!(
        adjustment["reason"],
        "办公设备政府采购结余，调减指标收回财政"
    );
    // Its satisfaction has no survey value: no score, no total, listed as missing.
    assert!(office["total"].is_null() && office["grade"].is_null());
    let missing = office["missing"].as_array().unwrap();
    assert!(
        missing
            .iter()
            .any(|m| m["field"] == "actual" && m["name"] == "群众满意度"),
        "{missing:?}"
    );
    // The demo fills goals where the seed states them; 用友 has none.
    assert!(office["goals"]["expected"].is_string());
    let software = national
        .iter()
        .find(|f| f["project"] == "用友A++财务软件账套运行维护服务费")
        .unwrap();
    assert!(software["goals"]["expected"].is_null());
    // A carry-over project's money is 上年结转资金.
    let carried = national
        .iter()
        .find(|f| f["project"] == "2020年中央自然灾害防治体系建设补助资金")
        .unwrap();
    let carryover = &carried["funds"]["rows"][2];
    assert_eq!(
        (
            &carryover["budget"],
            &carryover["spent"],
            &carryover["rate"]
        ),
        (
            &Value::from("240000.00"),
            &Value::from("239700.00"),
            &Value::from("99.88")
        )
    );
    assert_eq!(carried["funds"]["rows"][1]["budget"], "0.00");
    assert!(carried["funds"]["rows"][3]["rate"].is_null());

    let sichuan = forms(&demo, &["--layout", "sichuan", "51041121R000000015208"]);
    assert_eq!(sichuan.len(), 1, "a project picked by its 项目编码");
    assert_eq!(sichuan[0]["project"], "综合应急救援队建队专项资金");
    let rows: Vec<&str> = sichuan[0]["funds"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["row"].as_str().unwrap())
        .collect();
    assert_eq!(
        rows,
        ["total", "fiscal", "special_account", "unit", "other"]
    );
    assert_eq!(sichuan[0]["funds"]["rate"], "49.90");
    assert_eq!(sichuan[0]["indicators"][0]["nature"], "≥");
    assert_eq!(sichuan[0]["indicators"][0]["value"], "160");
    assert_eq!(sichuan[0]["indicators"][0]["unit"], "人");
}

#[test]
fn form_facts_and_indicator_notes_set_from_the_cli_reach_the_form_and_the_log() {
    let env = Env::new();
    env.small_year();
    env.add_head_count_indicator("50");
    let content = env.write("过程.txt", "一、招录队员\r\n二、驻防乡镇\r\n");
    env.run(&[
        "project",
        "set",
        "救援队",
        "--goal",
        "组建160人的综合应急救援队",
        "--implementer",
        "仁和区综合应急救援大队",
        "--leader",
        "张三",
        "--file",
        &format!("content={}", content.display()),
    ]);
    env.outlay()
        .args(["project", "set", "救援队", "--achieved", "-"])
        .write_stdin("已组建150人")
        .assert()
        .success();
    env.run(&[
        "indicator",
        "set",
        "1",
        "--actual",
        "150 人",
        "--reason",
        "招录未满",
    ]);
    env.run(&["indicator", "set", "1", "--measures", "2022年补招10人"]);
    let form = &forms(&env, &["--layout", "sichuan", "救援队"])[0];
    assert_eq!(form["implementer"], "仁和区综合应急救援大队");
    assert_eq!(form["goals"]["expected"], "组建160人的综合应急救援队");
    assert_eq!(form["goals"]["achieved"], "已组建150人");
    assert_eq!(form["content"], "一、招录队员\n二、驻防乡镇");
    assert_eq!(form["leader"], "张三");
    let i = &form["indicators"][0];
    assert_eq!(
        (&i["deviation"], &i["measures"]),
        (&Value::from("招录未满"), &Value::from("2022年补招10人"))
    );
    // 150 of ≥ 160 人 on the whole 90 (no effect or satisfaction indicator):
    // 150 ÷ 160 × 90 = 84.375 → 84.38
    assert_eq!(i["score"], "84.38");
    let missing: Vec<&str> = form["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["field"].as_str().unwrap())
        .collect();
    assert!(
        !missing.contains(&"goal") && missing.contains(&"finance_leader"),
        "{missing:?}"
    );

    // every change is in the event log
    let events = env.run(&["list", "events", "--format", "csv"]);
    for field in ["goal", "implementer", "leader", "content", "achieved"] {
        assert!(
            events.contains(&format!("救援队: {field} ")),
            "no event for {field}:\n{events}"
        );
    }
    assert!(events.contains("improvement measures"), "{events}");
    // a blank value clears a field
    env.run(&["project", "set", "救援队", "--leader", ""]);
    assert!(forms(&env, &[])[0]["leader"].is_null());

    // refusals name the field
    let overlong = "字".repeat(20_001);
    let err = env.refused(&["project", "set", "救援队", "--problems", &overlong]);
    assert!(err.contains("problems"), "{err}");
    let err = env.refused(&["project", "set", "救援队", "--file", "content"]);
    assert!(err.contains("file") && err.contains("FIELD=PATH"), "{err}");
    let err = env.refused(&["project", "set", "没有的项目", "--goal", "x"]);
    assert!(err.contains("project"), "{err}");
    let err = env.refused(&["indicator", "set", "1", "--measures", &overlong]);
    assert!(err.contains("measures"), "{err}");
    let err = env.refused(&["form", "没有的项目"]);
    assert!(
        err.contains("project") && err.contains("没有的项目"),
        "{err}"
    );
}

#[test]
fn output_says_where_it_wrote_and_the_exports_carry_the_form() {
    let demo = Env::demo();
    let path = demo.dir.path().join("forms.md");
    let said = demo.run(&[
        "--lang",
        "en",
        "form",
        "八一走访慰问金",
        "--format",
        "md",
        "--output",
        path.to_str().unwrap(),
    ]);
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(said.contains(path.to_str().unwrap()), "{said}");
    assert!(
        said.contains("1 form(s)") && said.contains(&format!("{} bytes", written.len())),
        "{said}"
    );
    assert!(
        written.starts_with("# 项目支出绩效自评表（2021年度）"),
        "{written}"
    );
    // 万元 with two decimals: 7万 budget, 年初 0.00
    assert!(
        written.contains("| 年度资金总额 | 0.00 | 7.00 | 7.00 | 10.00 | 100.00% | 10.00 |"),
        "{written}"
    );

    let csv = demo
        .outlay()
        .args([
            "form",
            "综合应急救援队建队专项资金",
            "--layout",
            "sichuan",
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let csv = String::from_utf8(csv[3..].to_vec()).unwrap();
    assert!(
        csv.contains("51041121R000000015208-综合应急救援队建队专项资金"),
        "{csv}"
    );
    assert!(
        csv.contains("总额,0.00,558.08,278.47,49.90%,10.00,4.99,"),
        "{csv}"
    );
    let table = demo.run(&["--lang", "zh", "form", "用友A++财务软件账套运行维护服务费"]);
    assert!(table.contains("预期目标"), "{table}");
    assert!(
        table.contains("outlay project set 用友A++财务软件账套运行维护服务费 --goal"),
        "{table}"
    );
}

#[test]
fn the_scoring_rules_are_settings_that_reach_the_form_and_the_summary() {
    let env = Env::new();
    env.small_year();
    env.run(&[
        "pay",
        "P01",
        "50万",
        "--date",
        "2021-05-28",
        "--payee",
        "某公司",
        "--voucher",
        "V1",
    ]);
    env.run(&[
        "indicator",
        "add",
        "--project",
        "救援队",
        "--category",
        "quantity",
        "--name",
        "服务内容",
        "--target",
        "= 7 大项",
        "--weight",
        "50",
        "--actual",
        "6 大项",
    ]);
    let graded = |env: &Env| {
        let form = &forms(env, &[])[0];
        let summary: Value =
            serde_json::from_str(&env.run(&["summary", "--format", "json"])).unwrap();
        let project = &summary["projects"][0]["score"];
        assert_eq!(
            form["total"], project["total"],
            "the form and the summary agree"
        );
        assert_eq!(form["grade"], project["grade"]);
        (
            form["total"].as_str().unwrap().to_string(),
            form["grade"].as_str().unwrap().to_string(),
        )
    };
    // The only indicator carries all 90 points. National `=`: 6 of 7 like ≥,
    // 6 ÷ 7 × 90 = 77.14; execution 100 % → 10; 87.14 is 良.
    assert_eq!(graded(&env), ("87.14".into(), "good".into()));
    let said = env.run(&["settings", "--grade-bands", "80,70,60"]);
    assert!(said.contains("优 ≥ 80"), "{said}");
    assert_eq!(graded(&env), ("87.14".into(), "excellent".into()));
    // strict: equalled or nothing, 10 in all: 差
    env.run(&["settings", "--equal-rule", "strict"]);
    assert_eq!(graded(&env), ("10.00".into(), "poor".into()));
    let events = env.run(&["list", "events", "--format", "csv"]);
    assert!(events.contains("= rule strict"), "{events}");
    // a band out of order is refused by name, and nothing changes
    let err = env.refused(&["settings", "--grade-bands", "80,90,60", "--tolerance", "5"]);
    assert!(err.contains("grade_bands"), "{err}");
    let err = env.refused(&["settings", "--qualitative-bands", "60,80"]);
    assert!(err.contains("qualitative_bands"), "{err}");
    let err = env.refused(&["settings", "--equal-rule", "loose"]);
    assert!(err.contains("equal_rule"), "{err}");
    let shown = env.run(&["settings"]);
    assert!(
        shown.contains("优 ≥ 80") && shown.contains("strict"),
        "{shown}"
    );
    assert!(
        !shown.contains(": 5\n"),
        "the refused tolerance was not stored: {shown}"
    );
}

#[test]
fn a_qualitative_grade_is_recorded_with_its_score_inside_its_band() {
    let env = Env::new();
    env.small_year();
    env.run(&[
        "indicator",
        "add",
        "--project",
        "救援队",
        "--category",
        "social",
        "--name",
        "应急救援需要",
        "--target",
        "满足应急救援需要",
        "--weight",
        "30",
    ]);
    // weight 30: 部分达成 is 18 to below 24
    let err = env.refused(&[
        "indicator",
        "set",
        "1",
        "--score",
        "25",
        "--grade",
        "partly",
    ]);
    assert!(
        err.contains("score") && err.contains("from 18 to below 24"),
        "{err}"
    );
    env.run(&[
        "indicator",
        "set",
        "1",
        "--score",
        "21",
        "--grade",
        "部分达成",
    ]);
    // graded, but without its evidence the form scores nothing
    let form = &forms(&env, &[])[0];
    let i = &form["indicators"][0];
    assert_eq!(
        (&i["score"], &i["achievement"]),
        (&Value::Null, &Value::from("open"))
    );
    assert_eq!(form["missing"][2]["field"], "actual", "{}", form["missing"]);
    env.run(&["indicator", "set", "1", "--actual", "全年应急救援出动45次"]);
    let i = forms(&env, &[])[0]["indicators"][0].clone();
    // 21 of 30 on the output-free project: effects carry 30 + 10 = 40 → 28.00
    assert_eq!(
        (&i["score"], &i["achievement"]),
        (&Value::from("28.00"), &Value::from("partly"))
    );
    // changing the grade alone is checked against the score already given
    let err = env.refused(&["indicator", "set", "1", "--grade", "achieved"]);
    assert!(err.contains("outside achieved"), "{err}");
}

/// Yuan as the JSON writes them, in 万元 with two decimals.
fn wan(yuan: &Value) -> String {
    let yuan: rust_decimal::Decimal = yuan.as_str().unwrap().parse().unwrap();
    let wan = (yuan / rust_decimal::Decimal::from(10_000))
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    format!("{wan:.2}")
}

#[test]
fn the_workbook_read_back_holds_the_cells_the_json_has() {
    use calamine::{Reader, Xlsx, open_workbook_from_rs};
    let demo = Env::demo();
    let json = forms(&demo, &[]);
    let path = demo.dir.path().join("forms.xlsx");
    let said = demo.run(&[
        "--lang",
        "zh",
        "form",
        "--format",
        "xlsx",
        "--output",
        path.to_str().unwrap(),
    ]);
    assert!(said.contains("16 张自评表"), "{said}");
    let bytes = std::fs::read(&path).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    assert_eq!(
        names.len(),
        17,
        "a list, then one sheet per project: {names:?}"
    );
    assert_eq!(names[0], "项目汇总");
    assert!(
        names[1].starts_with("01 应急管理及安全生产专项工作"),
        "{names:?}"
    );
    assert!(names.iter().all(|n| n.chars().count() <= 31));

    // The list: one row per project, figures as numbers in 万元.
    let list = book.worksheet_range("项目汇总").unwrap();
    for (n, form) in json.iter().enumerate() {
        let row = 3 + n as u32;
        assert_eq!(cell(&list, row, 0), form["project"].as_str().unwrap());
        assert_eq!(cell(&list, row, 2), wan(&form["funds"]["initial"]));
        assert_eq!(cell(&list, row, 3), wan(&form["funds"]["budget"]));
        assert_eq!(cell(&list, row, 4), wan(&form["funds"]["spent"]));
        let rate = form["funds"]["rate"].as_str().unwrap_or("—");
        assert_eq!(cell(&list, row, 5), rate);
        let total = form["total"].as_str().unwrap_or("待补");
        assert_eq!(cell(&list, row, 6), total);
    }
    assert!(matches!(
        list.get_value((3, 3)),
        Some(calamine::Data::Float(_))
    ));

    // 八一走访慰问金's form, cell by cell against its JSON.
    let n = json
        .iter()
        .position(|f| f["project"] == "八一走访慰问金")
        .unwrap();
    let (form, name) = (&json[n], names[n + 1].clone());
    let sheet = book.worksheet_range(&name).unwrap();
    assert_eq!(cell(&sheet, 0, 0), "项目支出绩效自评表（2021年度）");
    assert_eq!(cell(&sheet, 2, 1), "八一走访慰问金");
    assert_eq!(cell(&sheet, 3, 1), "攀枝花市仁和区应急管理局");
    assert_eq!(cell(&sheet, 4, 1), "年初预算数");
    let funds = &form["funds"];
    assert_eq!(
        (1..=6).map(|c| cell(&sheet, 5, c)).collect::<Vec<_>>(),
        [
            wan(&funds["initial"]),
            wan(&funds["budget"]),
            wan(&funds["spent"]),
            funds["weight"].as_str().unwrap().to_string(),
            funds["rate"].as_str().unwrap().to_string(),
            funds["score"].as_str().unwrap().to_string(),
        ]
    );
    let head = (0..60)
        .find(|&r| cell(&sheet, r, 0) == "一级指标")
        .expect("the indicator block");
    for (k, i) in form["indicators"].as_array().unwrap().iter().enumerate() {
        let row = head + 1 + k as u32;
        assert_eq!(cell(&sheet, row, 2), i["name"].as_str().unwrap());
        assert_eq!(cell(&sheet, row, 3), i["target"].as_str().unwrap());
        assert_eq!(cell(&sheet, row, 5), i["weight"].as_str().unwrap());
        assert_eq!(cell(&sheet, row, 6), i["score"].as_str().unwrap_or("待补"));
    }
    let merged = book.merge_cells_by_sheet_name(&name).unwrap();
    assert!(
        merged.iter().any(|d| d.start == (0, 0) && d.end == (0, 7)),
        "the title spans the form: {merged:?}"
    );

    // Sichuan: the name with its code, 指标值 a number of its own.
    let path = demo.dir.path().join("sichuan.xlsx");
    demo.run(&[
        "form",
        "综合应急救援队建队专项资金",
        "--layout",
        "sichuan",
        "--format",
        "xlsx",
        "--output",
        path.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&path).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let name = book.sheet_names()[1].clone();
    let sheet = book.worksheet_range(&name).unwrap();
    assert_eq!(
        cell(&sheet, 2, 1),
        "51041121R000000015208-综合应急救援队建队专项资金"
    );
    // Its funds block: the Sichuan heads, the total row as the JSON has it,
    // and one 原因 down the block.
    let json = forms(
        &demo,
        &["--layout", "sichuan", "综合应急救援队建队专项资金"],
    );
    let funds = &json[0]["funds"];
    let top = (0..60)
        .find(|&r| cell(&sheet, r, 1) == "年初预算")
        .expect("the funds block");
    assert_eq!(
        (0..=7).map(|c| cell(&sheet, top, c)).collect::<Vec<_>>(),
        [
            "预算执行情况（10分）",
            "年初预算",
            "调整后预算数",
            "预算执行数",
            "预算执行率（%）",
            "权重",
            "得分",
            "原因"
        ]
    );
    assert_eq!(
        (0..=7)
            .map(|c| cell(&sheet, top + 1, c))
            .collect::<Vec<_>>(),
        [
            "总额".to_string(),
            wan(&funds["initial"]),
            wan(&funds["budget"]),
            wan(&funds["spent"]),
            funds["rate"].as_str().unwrap().to_string(),
            funds["weight"].as_str().unwrap().to_string(),
            funds["score"].as_str().unwrap().to_string(),
            funds["reason"].as_str().unwrap_or("").to_string(),
        ]
    );
    assert_eq!(cell(&sheet, top + 2, 0), "其中：财政资金");
    assert_eq!(cell(&sheet, top + 2, 5), "—");
    let merged = book.merge_cells_by_sheet_name(&name).unwrap();
    assert!(
        merged
            .iter()
            .any(|d| d.start == (top + 1, 7) && d.end == (top + 5, 9)),
        "one reason for the five funds rows: {merged:?}"
    );
    let head = (0..60)
        .find(|&r| cell(&sheet, r, 3) == "指标性质")
        .expect("the indicator block");
    assert_eq!(
        (
            cell(&sheet, head + 1, 3),
            cell(&sheet, head + 1, 4),
            cell(&sheet, head + 1, 5)
        ),
        ("≥".to_string(), "160.00".to_string(), "人".to_string())
    );
    let err = demo.refused(&["form", "--format", "xlsx"]);
    assert!(err.contains("output"), "{err}");
}

#[test]
fn project_facts_import_from_csv_all_or_nothing() {
    let env = Env::new();
    env.small_year();
    let good = env.write(
        "facts.csv",
        "\u{feff}项目,预期目标,实际完成情况,项目负责人,财务负责人\n\
         救援队,组建160人的综合应急救援队,\"已组建150人\n驻防12个乡镇\",张三,李四\n",
    );
    let said = env.run(&["import", "project-facts", good.to_str().unwrap()]);
    assert!(said.contains("1 new"), "{said}");
    let form = &forms(&env, &["--layout", "sichuan"])[0];
    assert_eq!(form["goals"]["achieved"], "已组建150人\n驻防12个乡镇");
    assert_eq!(
        (&form["leader"], &form["finance_leader"]),
        (&Value::from("张三"), &Value::from("李四"))
    );
    let said = env.run(&["import", "project-facts", good.to_str().unwrap()]);
    assert!(
        said.contains("0 new") && said.contains("1 already present"),
        "{said}"
    );
    let events = env.run(&["list", "events", "--format", "csv"]);
    assert!(
        events.contains("救援队: goal, achieved, leader, finance_leader from"),
        "{events}"
    );

    // a project no line funds: refused by its row, and the good row before it is not kept
    let bad = env.write("bad.csv", "project,goal\n救援队,新的目标\n没有的项目,x\n");
    let err = env.refused(&["import", "project-facts", bad.to_str().unwrap()]);
    assert!(err.contains("row 3") && err.contains("project"), "{err}");
    let form = &forms(&env, &[])[0];
    assert_eq!(form["goals"]["expected"], "组建160人的综合应急救援队");
}

#[test]
fn a_sichuan_text_over_its_limit_is_listed_with_its_length_and_printed_whole() {
    let env = Env::new();
    env.small_year();
    // 132 字: 130 Chinese characters, a full-width comma and an ASCII digit;
    // the line break counts none.
    let achieved = format!("{}，\n{}1", "成".repeat(65), "完".repeat(65));
    env.run(&["project", "set", "救援队", "--achieved", &achieved]);
    env.run(&["project", "set", "救援队", "--problems", &"问".repeat(200)]);
    let form = &forms(&env, &["--layout", "sichuan"])[0];
    let too_long: Vec<&Value> = form["missing"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["field"] == "too_long")
        .collect();
    // 存在问题 at exactly 200 字 is fine; 年度目标完成情况 is 32 over.
    assert_eq!(too_long.len(), 1, "{too_long:?}");
    assert_eq!(
        (
            &too_long[0]["name"],
            &too_long[0]["chars"],
            &too_long[0]["limit"]
        ),
        (
            &Value::from("achieved"),
            &Value::from(132),
            &Value::from(100)
        )
    );
    assert_eq!(form["goals"]["achieved"], achieved.as_str(), "never cut");

    let md = env.run(&[
        "--lang", "en", "form", "--layout", "sichuan", "--format", "md",
    ]);
    assert!(
        md.contains("年度目标完成情况 has 132 字, the Sichuan form holds 100"),
        "{md}"
    );
    // printed whole (Markdown breaks the line where the text does)
    for part in achieved.lines() {
        assert!(md.contains(part), "{md}");
    }
    assert!(md.contains("outlay project set 救援队 --achieved"), "{md}");
    let zh = env.run(&["--lang", "zh", "form", "--layout", "sichuan"]);
    assert!(
        zh.contains("年度目标完成情况有 132 字，四川表限 100 字"),
        "{zh}"
    );

    // The national form sets no limit.
    let national = &forms(&env, &[])[0];
    assert!(
        national["missing"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["field"] != "too_long"),
        "{}",
        national["missing"]
    );
}

/// The adjustment rows of a workbook sheet, from its 预算调整及原因 block:
/// date, line, document, amount (万元), reason.
fn workbook_adjustments(path: &std::path::Path) -> Vec<[String; 5]> {
    use calamine::{Reader, Xlsx, open_workbook_from_rs};
    let bytes = std::fs::read(path).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let name = book.sheet_names()[1].clone();
    let sheet = book.worksheet_range(&name).unwrap();
    let head = (0..60)
        .find(|&r| cell(&sheet, r, 0) == "预算调整及原因")
        .expect("the adjustments block");
    assert_eq!(cell(&sheet, head, 4), "调整金额");
    (head + 1..)
        .take_while(|&r| !cell(&sheet, r, 1).is_empty() && cell(&sheet, r, 0).is_empty())
        .map(|r| [1, 2, 3, 4, 5].map(|c| cell(&sheet, r, c)))
        .collect()
}

#[test]
fn every_in_year_adjustment_of_the_projects_lines_is_on_its_form_with_its_reason() {
    // 救援队: P01 supplementary 50万 (small_year) and P02 initial 20万.
    // In the year, as of 2021-12-15:
    //   06-30 P01 +10万            追加 for equipment
    //   09-01 P02 +3万 from B01    money moved in from a basic line
    //   10-15 P01 +2万 from P02    moved between its own lines: +2 on P01, -2 on P02
    //   11-25 P01 -5万             调减, the procurement came in lower
    //   12-20 P01 +1万             after the forms' date: not on them
    //   07-01 B01 -1万             another line's: not on them
    // Budget: P01 50 + 10 + 2 - 5 = 57万, P02 20 + 3 - 2 = 21万, in all 78万;
    // 年初 = P02's 20万 as allocated.
    let env = Env::new();
    env.small_year();
    env.run(&[
        "line",
        "add",
        "--code",
        "P02",
        "--name",
        "救援队装备",
        "--project",
        "救援队",
        "--kind",
        "project",
        "--amount",
        "20万",
        "--doc",
        "仁财〔2021〕2号",
    ]);
    for (line, amount, date, doc, reason, from) in [
        (
            "P01",
            "10万",
            "2021-06-30",
            "仁财预〔2021〕40号",
            "追加队员装备",
            None,
        ),
        (
            "P02",
            "3万",
            "2021-09-01",
            "仁财预〔2021〕51号",
            "办公费调剂",
            Some("B01"),
        ),
        (
            "P01",
            "2万",
            "2021-10-15",
            "仁财预〔2021〕60号",
            "项目内调剂",
            Some("P02"),
        ),
        (
            "P01",
            "-5万",
            "2021-11-25",
            "仁财预〔2021〕88号",
            "采购结余调减",
            None,
        ),
        (
            "P01",
            "1万",
            "2021-12-20",
            "仁财预〔2021〕99号",
            "年底追加",
            None,
        ),
        (
            "B01",
            "-1万",
            "2021-07-01",
            "仁财预〔2021〕45号",
            "基本支出调减",
            None,
        ),
    ] {
        let mut args = vec![
            "adjust", line, amount, "--date", date, "--doc", doc, "--reason", reason,
        ];
        if let Some(from) = from {
            args.extend(["--from", from]);
        }
        env.run(&args);
    }
    let expected: [[&str; 5]; 5] = [
        [
            "2021-06-30",
            "P01",
            "仁财预〔2021〕40号",
            "10.00",
            "追加队员装备",
        ],
        [
            "2021-09-01",
            "P02",
            "仁财预〔2021〕51号",
            "3.00",
            "办公费调剂",
        ],
        [
            "2021-10-15",
            "P01",
            "仁财预〔2021〕60号",
            "2.00",
            "项目内调剂",
        ],
        [
            "2021-10-15",
            "P02",
            "仁财预〔2021〕60号",
            "-2.00",
            "项目内调剂",
        ],
        [
            "2021-11-25",
            "P01",
            "仁财预〔2021〕88号",
            "-5.00",
            "采购结余调减",
        ],
    ];
    for layout in ["national", "sichuan"] {
        let as_of = ["--layout", layout, "--as-of", "2021-12-15"];
        // JSON, in yuan
        let form = &forms(&env, &as_of)[0];
        assert_eq!(form["funds"]["budget"], "780000.00", "{layout}");
        assert_eq!(form["funds"]["initial"], "200000.00", "{layout}");
        let json: Vec<[String; 5]> = form["adjustments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                ["date", "line", "doc", "amount", "reason"].map(|k| match k {
                    "amount" => wan(&a[k]),
                    _ => a[k].as_str().unwrap().to_string(),
                })
            })
            .collect();
        assert_eq!(json, expected, "{layout} JSON");
        // Markdown and CSV, in 万元
        let mut md_args = vec!["form", "--format", "md"];
        md_args.extend(as_of);
        let md = env.run(&md_args);
        let mut csv_args = vec!["form", "--format", "csv"];
        csv_args.extend(as_of);
        let csv = env.run(&csv_args);
        assert!(md.contains("预算调整（追加/调减）及原因"), "{md}");
        for row in &expected {
            assert!(
                md.contains(&format!("| {} |", row.join(" | "))),
                "{layout} md: {md}"
            );
            assert!(csv.contains(&row.join(",")), "{layout} csv: {csv}");
        }
        for absent in ["年底追加", "基本支出调减"] {
            assert!(
                !md.contains(absent) && !csv.contains(absent),
                "{layout}: {absent}"
            );
        }
        // the workbook's sheet
        let path = env.dir.path().join(format!("{layout}.xlsx"));
        let mut xlsx_args = vec![
            "form",
            "--format",
            "xlsx",
            "--output",
            path.to_str().unwrap(),
        ];
        xlsx_args.extend(as_of);
        env.run(&xlsx_args);
        assert_eq!(workbook_adjustments(&path), expected, "{layout} workbook");
    }
}
