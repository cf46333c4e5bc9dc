//! `outlay summary` on the demo year: the seed report's headline figures come
//! out of the ledger, in every export format and both languages.

mod common;

use common::Env;
use serde_json::Value;

fn summary_json(env: &Env) -> Value {
    serde_json::from_str(&env.run(&["summary", "--format", "json"])).unwrap()
}

fn funding_row<'a>(
    summary: &'a Value,
    row: &str,
    kind: Option<&str>,
    source: Option<&str>,
) -> &'a Value {
    summary["funding"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["row"] == row
                && kind.is_none_or(|k| r["kind"] == k)
                && source.is_none_or(|s| r["source"] == s)
        })
        .unwrap_or_else(|| panic!("no funding row {row} {kind:?} {source:?}"))
}

#[test]
fn the_summary_reproduces_the_seed_reports_funding_table() {
    let demo = Env::demo();
    let s = summary_json(&demo);
    assert_eq!(
        s["as_of"], "2021-12-31",
        "a past year is summed up at its end"
    );
    // (row, kind, source) → (budget, spent) in yuan, from shared/domain.md
    let expected = [
        (
            "part",
            Some("basic"),
            Some("initial"),
            "3732900.00",
            "3732900.00",
        ),
        (
            "part",
            Some("basic"),
            Some("supplementary"),
            "343300.00",
            "343300.00",
        ),
        ("kind", Some("basic"), None, "4076200.00", "4076200.00"),
        (
            "part",
            Some("project"),
            Some("initial"),
            "1714000.00",
            "414000.00",
        ),
        (
            "part",
            Some("project"),
            Some("supplementary"),
            "8414500.00",
            "3488700.00",
        ),
        (
            "part",
            Some("project"),
            Some("carryover"),
            "340000.00",
            "339700.00",
        ),
        ("project_added", None, None, "8754500.00", "3828400.00"),
        ("kind", Some("project"), None, "10468500.00", "4242400.00"),
        ("supplementary", None, None, "8757800.00", "3832000.00"),
    ];
    for (row, kind, source, budget, spent) in expected {
        let r = funding_row(&s, row, kind, source);
        assert_eq!(
            (r["budget"].as_str(), r["spent"].as_str()),
            (Some(budget), Some(spent)),
            "{row} {kind:?} {source:?}"
        );
    }
    // the rates the report states: basic 100 %, initial projects 24 %, added projects 44 %
    assert_eq!(
        funding_row(&s, "kind", Some("basic"), None)["rate"],
        "100.00"
    );
    assert_eq!(
        funding_row(&s, "part", Some("project"), Some("initial"))["rate"],
        "24.15"
    );
    assert_eq!(
        funding_row(&s, "project_added", None, None)["rate"],
        "43.73"
    );
    // basic by economic class: wages, goods, subsidies as the report lists them
    let classes = s["basic_by_class"].as_array().unwrap();
    let goods = classes.iter().find(|c| c["key"] == "goods").unwrap();
    assert_eq!(goods["spent"], "522700.00");
    let subsidies = classes.iter().find(|c| c["key"] == "subsidies").unwrap();
    assert_eq!(subsidies["spent"], "118200.00");
    // the service contract: 130万 unpaid, 129.5万 of it overdue under the contract
    let service = s["unfinished"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["project"] == "购买安全生产和应急管理服务")
        .unwrap();
    assert_eq!(
        (service["remaining"].as_str(), service["overdue"].as_str()),
        (Some("1300000.00"), Some("1295000.00"))
    );
}

#[test]
fn markdown_csv_and_both_languages_carry_the_same_tables() {
    let demo = Env::demo();
    let md = demo.run(&["--lang", "zh", "summary", "--format", "md"]);
    assert!(md.starts_with("# 攀枝花市仁和区应急管理局2021年度"), "{md}");
    for row in [
        "| 基本支出 · 年初预算 | 373.29 | 0.00 | 373.29 | 373.29 | 100.00% |",
        "| 专项资金（项目支出）合计 | 1048.27 | -1.42 | 1046.85 | 424.24 | 40.53% |",
        "| 追加预算合计（基本 + 项目） | 877.20 | -1.42 | 875.78 | 383.20 | 43.76% |",
        "|---|---:|---:|---:|---:|---:|",
        "## 五、评价结论、存在问题及改进措施",
    ] {
        assert!(md.contains(row), "missing {row}\n{md}");
    }
    let en = demo.run(&["--lang", "en", "summary", "--format", "md"]);
    assert!(
        en.contains(
            "| basic expenditure · initial budget | 373.29 | 0.00 | 373.29 | 373.29 | 100.00% |"
        ),
        "{en}"
    );
    assert!(en.contains("## 4. Department-wide ratios"), "{en}");
    // 元 when asked for
    let yuan = demo.run(&["--unit", "yuan", "summary", "--format", "md"]);
    assert!(
        yuan.contains("| 3732900.00 | 0.00 | 3732900.00 |"),
        "{yuan}"
    );

    let out = demo.dir.path().join("summary.csv");
    let said = demo.run(&[
        "--lang",
        "zh",
        "summary",
        "--format",
        "csv",
        "--output",
        out.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&out).unwrap();
    // it says where it wrote and how much
    assert_eq!(
        said.trim_end(),
        format!(
            "已写入 {}：2021 年度汇总，{} 字节",
            out.display(),
            bytes.len()
        )
    );
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "Excel and WPS need the BOM"
    );
    // and in English, the same facts
    let en_out = demo.dir.path().join("summary-en.md");
    let said = demo.run(&[
        "--lang",
        "en",
        "summary",
        "--format",
        "md",
        "--output",
        en_out.to_str().unwrap(),
    ]);
    let en_bytes = std::fs::metadata(&en_out).unwrap().len();
    assert_eq!(
        said.trim_end(),
        format!(
            "Wrote {}: the 2021 year-end summary, {en_bytes} bytes",
            en_out.display()
        )
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let total = rows.iter().find(|r| r[0] == "年度资金总额").unwrap();
    assert_eq!(
        total[1..],
        ["1455.89", "-1.42", "1454.47", "831.86", "57.19%"]
    );
}

#[test]
fn a_bad_date_or_an_unwritable_file_is_named() {
    let demo = Env::demo();
    let out = demo
        .outlay()
        .args(["summary", "--as-of", "2021-13-01"])
        .assert()
        .code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("as_of"), "{err}");
    // a date of another year is refused, not read as the year's first or last day
    let out = demo
        .outlay()
        .args(["summary", "--as-of", "2020-05-01"])
        .assert()
        .code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("as_of: 2020-05-01 is outside fiscal year 2021"),
        "{err}"
    );
    let target = demo.dir.path().join("no/such/dir/summary.md");
    let out = demo
        .outlay()
        .args([
            "summary",
            "--format",
            "md",
            "--output",
            target.to_str().unwrap(),
        ])
        .assert()
        .code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("no/such/dir/summary.md"), "{err}");
}

#[test]
fn scores_follow_the_documented_rule() {
    let demo = Env::demo();
    let s = summary_json(&demo);
    let project = |name: &str| {
        s["projects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["project"] == name)
            .unwrap_or_else(|| panic!("no project {name}"))
            .clone()
    };
    // The service contract, nothing paid: execution 0 × 10 = 0. Outputs 50 over
    // four indicators of 12.50: two met (25.00), quality and cost partly
    // achieved at 70 % (8.75 each) = 42.50. Effects 15 + 15, both partly: 21.00.
    // Satisfaction partly: 7.00. Total 70.50: 中.
    let service = project("购买安全生产和应急管理服务");
    let score = &service["score"];
    assert_eq!(score["execution"], "0.00");
    let tiers: Vec<(&str, &str)> = score["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["tier"].as_str().unwrap(), t["points"].as_str().unwrap()))
        .collect();
    assert_eq!(
        tiers,
        vec![
            ("output", "42.50"),
            ("effect", "21.00"),
            ("satisfaction", "7.00")
        ]
    );
    assert_eq!(
        (score["total"].as_str(), score["grade"].as_str()),
        (Some("70.50"), Some("fair"))
    );
    // The rescue team at 49.90 %: execution 4.99 points.
    assert_eq!(
        project("综合应急救援队建队专项资金")["score"]["execution"],
        "4.99"
    );
    // Finished projects judged achieved score execution 10 + indicators 90.
    assert_eq!(project("八一走访慰问金")["score"]["total"], "100.00");

    // No department score is averaged out of the projects' (it has no basis
    // in any form); the department-wide part is its ratios.
    assert!(s.get("department_score").is_none(), "{s}");
}

fn ratio<'a>(s: &'a Value, key: &str) -> &'a Value {
    s["ratios"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == key)
        .unwrap_or_else(|| panic!("no ratio {key}"))
}

#[test]
fn the_department_wide_ratios_and_the_wages_split_by_source_match_the_seed() {
    let demo = Env::demo();
    let s = summary_json(&demo);
    // 工资福利: 309.20万 of the initial budget (as the seed's table) and 34.33万 added.
    let wages = s["basic_by_class"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "wages")
        .unwrap();
    assert_eq!(wages["initial"]["budget"], "3092000.00");
    assert_eq!(wages["supplementary"]["budget"], "343300.00");
    assert_eq!(wages["budget"], "3435300.00");
    // 831.86 of 1454.47 spent; adjustments −1.42 over the initial 544.69.
    let execution = ratio(&s, "execution");
    assert_eq!(
        (execution["numerator"].as_str(), execution["rate"].as_str()),
        (Some("8318600.00"), Some("57.19"))
    );
    let adjustment = ratio(&s, "adjustment");
    assert_eq!(
        (
            adjustment["numerator"].as_str(),
            adjustment["denominator"].as_str(),
            adjustment["rate"].as_str()
        ),
        (Some("-14180.00"), Some("5446900.00"), Some("-0.26"))
    );
    // with the 875.78万 of supplementary money: 875.78 ÷ 544.69 = 160.79 %
    assert_eq!(ratio(&s, "adjustment_with_supplementary")["rate"], "160.79");
    // 1454.47 − 831.86 = 622.61 unspent: 42.81 %
    assert_eq!(ratio(&s, "unspent")["rate"], "42.81");
    assert_eq!(ratio(&s, "public_funds")["rate"], "100.00");
    // The demo tags the vehicle and reception payments (no 三公 budget line:
    // no rate), and the service contract's line as 政府采购 (130万, unpaid).
    let vehicles = ratio(&s, "vehicles");
    // fuel 6 × 6000, insurance 6820, repairs 3460 + 5180
    assert_eq!(vehicles["numerator"], "51460.00");
    assert!(vehicles["rate"].is_null());
    assert_eq!(ratio(&s, "reception")["numerator"], "2240.00");
    assert_eq!(ratio(&s, "three_public")["numerator"], "53700.00");
    let procurement = ratio(&s, "procurement");
    assert_eq!(
        (
            procurement["denominator"].as_str(),
            procurement["rate"].as_str()
        ),
        (Some("1300000.00"), Some("0.00"))
    );
    let md = demo.run(&["--lang", "zh", "summary", "--format", "md"]);
    assert!(
        md.contains("| 工资福利支出 | 309.20 | 34.33 | 0.00 | 343.53 | 343.53 | 0.00 | 100.00% |"),
        "{md}"
    );
    assert!(
        md.contains("| 预算调整率 | 调整数 ÷ 年初预算数 | -1.42 | 544.69 | -0.26% |"),
        "{md}"
    );
    assert!(!md.contains("部门得分"), "{md}");
}

#[test]
fn tags_on_lines_and_payments_count_once_and_survive_a_reversal() {
    let env = Env::new();
    env.run(&["init", "--year", "2021", "--department", "测试局"]);
    for (code, amount) in [("B01", "10000"), ("B02", "3000")] {
        env.run(&[
            "line",
            "add",
            "--code",
            code,
            "--name",
            code,
            "--kind",
            "basic",
            "--econ-class",
            "goods",
            "--doc",
            "财〔2021〕1号",
            "--date",
            "2021-01-01",
            "--amount",
            amount,
        ]);
    }
    env.run(&["line", "set", "B02", "--tags", "公务用车"]);
    // on the tagged line: counted with its line, once
    env.run(&[
        "pay",
        "B02",
        "500",
        "--date",
        "2021-03-01",
        "--payee",
        "维修厂",
        "--voucher",
        "V1",
        "--tags",
        "vehicles",
    ]);
    // on a general line: the payment alone is 公务接待
    env.run(&[
        "pay",
        "B01",
        "300",
        "--date",
        "2021-03-02",
        "--payee",
        "饭庄",
        "--voucher",
        "V2",
        "--tags",
        "reception",
    ]);
    env.run(&[
        "pay",
        "B01",
        "200",
        "--date",
        "2021-03-03",
        "--payee",
        "饭庄",
        "--voucher",
        "V3",
        "--tags",
        "公务接待",
    ]);
    env.run(&[
        "pay",
        "B01",
        "1000",
        "--date",
        "2021-03-04",
        "--payee",
        "文具店",
        "--voucher",
        "V4",
    ]);
    let s = summary_json(&env);
    assert_eq!(ratio(&s, "vehicles")["numerator"], "500.00");
    assert_eq!(ratio(&s, "vehicles")["rate"], "16.67");
    assert_eq!(ratio(&s, "reception")["numerator"], "500.00");
    assert_eq!(ratio(&s, "three_public")["numerator"], "1000.00");
    assert_eq!(ratio(&s, "three_public")["denominator"], "3000.00");
    // a reversal takes its tag with it
    let list: Value =
        serde_json::from_str(&env.run(&["list", "disbursements", "--format", "json"])).unwrap();
    let v3 = list
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["voucher"] == "V3")
        .unwrap();
    assert_eq!(v3["tags"], serde_json::json!(["reception"]));
    env.run(&[
        "reverse",
        &v3["id"].to_string(),
        "--reason",
        "重复报销",
        "--date",
        "2021-03-05",
    ]);
    let s = summary_json(&env);
    assert_eq!(ratio(&s, "reception")["numerator"], "300.00");
    // the summary as of before the reception payments counts none of them
    let early: Value =
        serde_json::from_str(&env.run(&["summary", "--as-of", "2021-03-01", "--format", "json"]))
            .unwrap();
    assert_eq!(ratio(&early, "reception")["numerator"], "0.00");
    assert!(env.run(&["check"]).contains("Consistent"));
    // an unknown tag is refused, naming the field and the word
    let err = env.refused(&[
        "pay",
        "B01",
        "1",
        "--payee",
        "x",
        "--voucher",
        "V9",
        "--tags",
        "banquet",
    ]);
    assert!(err.contains("tags") && err.contains("banquet"), "{err}");
    let err = env.refused(&["line", "set", "B01", "--tags", "reception;abroad"]);
    assert!(err.contains("tags"), "{err}");
    // the import's 标记 column, and a bad tag named by row and column
    let csv = env.write(
        "pay.csv",
        "日期,指标,金额,收款人,凭证号,标记\n2021-04-01,B01,100,出租车公司,I1,接待\n",
    );
    env.run(&["import", "disbursements", csv.to_str().unwrap()]);
    let s = summary_json(&env);
    assert_eq!(ratio(&s, "reception")["numerator"], "400.00");
    let bad = env.write(
        "bad.csv",
        "日期,指标,金额,收款人,凭证号,标记\n2021-04-02,B01,100,某店,I2,宴请\n",
    );
    let err = env.refused(&["import", "disbursements", bad.to_str().unwrap()]);
    assert!(
        err.contains("row 2") && err.contains("标记") && err.contains("宴请"),
        "{err}"
    );
    // clearing a line's tags
    env.run(&["line", "set", "B02", "--tags", ""]);
    let s = summary_json(&env);
    assert!(ratio(&s, "vehicles")["rate"].is_null());
}

#[test]
fn reasons_weights_and_notes_written_in_the_ledger_reach_the_summary() {
    let demo = Env::demo();
    let md = demo.run(&["--lang", "zh", "summary", "--format", "md"]);
    // the demo's reasons and prose, from the seed report
    assert!(md.contains("| 购买安全生产和应急管理服务 | 130.00 | 0.00 | 130.00 | 0.00% | 129.50 | 0.00 | 因财政资金紧张，2021年未支付，拟计划在2022年完成支付。 |"), "{md}");
    assert!(
        md.contains("### 存在问题\n\n1、项目支付进度参差不齐。"),
        "{md}"
    );

    // clearing a reason below 90 % makes the summary ask for one again
    let project = "2020年省级安全生产专项资金（关闭煤矿水患普查）";
    demo.run(&["project", "set", project, "--clear-reason"]);
    let out = demo
        .outlay()
        .args(["summary", "--format", "json"])
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains(project) && stderr.contains("below 90 %"),
        "{stderr}"
    );
    let s: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let unfinished = s["unfinished"].as_array().unwrap();
    let row = unfinished.iter().find(|u| u["project"] == project).unwrap();
    assert_eq!(
        (row["reason"].clone(), row["reason_missing"].as_bool()),
        (Value::Null, Some(true))
    );

    // other first-level weights change the score by the rule: 20 for
    // execution at 0 % earns nothing; outputs 40 keep their share.
    let before = summary_json(&demo);
    let total = |s: &Value| {
        s["projects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["project"] == project)
            .unwrap()["score"]
            .clone()
    };
    assert_eq!(total(&before)["execution_weight"], "10");
    demo.run(&["project", "set", project, "--weights", "20,40,30,10"]);
    let after = total(&summary_json(&demo));
    assert_eq!(after["execution_weight"], "20");
    let output = |score: &Value| -> f64 {
        score["tiers"][0]["points"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    // outputs scale from 50 to 40 of the same shares
    assert!((output(&after) - output(&total(&before)) * 40.0 / 50.0).abs() < 0.011);

    // a note written from the command line replaces the demo's
    demo.run(&["note", "set", "improvements", "加快支付进度。"]);
    let md = demo.run(&["--lang", "zh", "summary", "--format", "md"]);
    assert!(md.contains("### 改进措施\n\n加快支付进度。"), "{md}");
}

#[test]
fn a_year_without_projects_says_so() {
    let env = Env::new();
    env.run(&["init", "--year", "2021", "--department", "测试局"]);
    let md = env.run(&["summary", "--format", "md"]);
    assert!(
        md.contains("### Projects not fully paid\n\nNo project spending this year."),
        "{md}"
    );
    assert!(
        md.contains("| the year's money, all | 0.00 | 0.00 | 0.00 | 0.00 | — |"),
        "{md}"
    );
}

#[test]
fn the_execution_cap_is_a_setting() {
    let demo = Env::demo();
    // 应急管理及安全生产专项工作 at 100 %: 10 points either way; push it over
    // 100 % with a payment and only the uncapped rule scores more than 10
    demo.run(&[
        "pay",
        "P01",
        "30000",
        "--date",
        "2021-12-20",
        "--payee",
        "某公司",
        "--voucher",
        "V-OVER-1",
    ]);
    let execution = |d: &Env| {
        let s = summary_json(d);
        s["projects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["project"] == "应急管理及安全生产专项工作")
            .unwrap()["score"]["execution"]
            .clone()
    };
    assert_eq!(execution(&demo), "10.00");
    let out = demo.run(&["settings", "--execution-cap", "off"]);
    assert!(
        out.contains("execution points capped at the weight: off"),
        "{out}"
    );
    // 330,000 of 300,000 = 110 % → 11 points
    assert_eq!(execution(&demo), "11.00");
    let err = demo
        .outlay()
        .args(["settings", "--execution-cap", "maybe"])
        .assert()
        .code(1);
    let err = String::from_utf8(err.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("execution_cap: 'maybe' is neither on nor off"),
        "{err}"
    );
}

#[test]
fn the_summary_workbook_holds_the_markdown_figures_as_numbers() {
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    let demo = Env::demo();
    let err = demo.refused(&["summary", "--format", "xlsx"]);
    assert!(err.contains("--output"), "{err}");
    let out = demo.dir.path().join("summary.xlsx");
    demo.run(&[
        "--lang",
        "zh",
        "summary",
        "--format",
        "xlsx",
        "--output",
        out.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&out).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    // one sheet per section of the report
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(names[3].contains("部门整体指标"), "{names:?}");
    let find = |range: &calamine::Range<Data>, label: &str| -> Vec<Data> {
        range
            .rows()
            .find(|row| row.first() == Some(&Data::String(label.into())))
            .unwrap_or_else(|| panic!("no row {label}"))
            .to_vec()
    };
    // the wages row as the Markdown export has it, amounts as numbers in 万元
    let execution = book.worksheet_range(&names[1]).unwrap();
    let wages = find(&execution, "工资福利支出");
    assert_eq!(
        wages[1..6],
        [
            Data::Float(309.2),
            Data::Float(34.33),
            Data::Float(0.0),
            Data::Float(343.53),
            Data::Float(343.53)
        ]
    );
    // rates hold the percent the JSON gives; an empty one stays a dash
    let ratios = book.worksheet_range(&names[3]).unwrap();
    let adjustment = find(&ratios, "预算调整率");
    assert_eq!(adjustment[4], Data::Float(-0.26));
    let vehicles = find(&ratios, "公务用车购置及运行费");
    assert_eq!(vehicles[4], Data::String("—".into()));
    // every sheet leads with the report's title
    for name in &names {
        let range = book.worksheet_range(name).unwrap();
        let title = range.get_value((0, 0)).unwrap().to_string();
        assert!(
            title.starts_with("攀枝花市仁和区应急管理局2021年度"),
            "{name}: {title}"
        );
    }
}

/// Mid-year a project is asked for a reason only when it is behind its
/// time-proportional pace, not for being under 90 % while on pace.
#[test]
fn mid_year_only_projects_behind_their_pace_are_asked_for_a_reason() {
    let demo = Env::demo();
    // on 2021-06-30, with 49.59 % of the year gone: 49.69 % (on pace), 3.10 % (behind)
    let on_pace = "2020年中央财政农业资源及生态保护补助资金（长江禁捕）";
    let behind = "2020年中央自然灾害救灾资金（培训演练）";
    for project in [on_pace, behind] {
        demo.run(&["project", "set", project, "--clear-reason"]);
    }
    let asked_on = |as_of: &str| {
        let out = demo
            .outlay()
            .args(["summary", "--format", "json", "--as-of", as_of])
            .assert()
            .success();
        let s: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        let asked = |project: &str| {
            s["unfinished"]
                .as_array()
                .unwrap()
                .iter()
                .find(|u| u["project"] == project)
                .map(|u| u["reason_missing"].as_bool().unwrap())
        };
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        (asked(on_pace), asked(behind), stderr)
    };
    let (on_pace_asked, behind_asked, notes) = asked_on("2021-06-30");
    assert_eq!(
        (on_pace_asked, behind_asked),
        (Some(false), Some(true)),
        "{notes}"
    );
    assert!(!notes.contains(on_pace), "{notes}");
    assert!(
        notes.contains(behind) && notes.contains("behind its time-proportional pace"),
        "{notes}"
    );
    assert!(!notes.contains("below 90 %"), "{notes}");
    // at the year's end, under 90 % asks for a reason whatever the pace
    // (8.70 %); the other has reached 95.53 %, which needs none
    let (on_pace_asked, behind_asked, notes) = asked_on("2021-12-31");
    assert_eq!(
        (on_pace_asked, behind_asked),
        (Some(false), Some(true)),
        "{notes}"
    );
    assert!(
        notes.contains(behind) && notes.contains("below 90 %"),
        "{notes}"
    );
}
