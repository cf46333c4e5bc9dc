//! The CSV import, end to end from bytes: the files gen.py writes, the files
//! Chinese spreadsheets and treasury systems write, and every error a user
//! can make, each named by row and column.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use outlay::domain::{EconClass, FiscalYear, Kind, Level, Money, Source, parse_amount};
use outlay::import::{
    ImportError, Problem, Row, decode, parse_adjustments, parse_disbursements, parse_indicators,
    parse_lines, parse_schedule, row_estimate,
};

fn year() -> FiscalYear {
    FiscalYear::new(2021).unwrap()
}

fn yuan(text: &str) -> Money {
    parse_amount(text).unwrap()
}

fn quiet() -> impl FnMut(usize) {
    |_| {}
}

// Literal samples in gen.py's exact format (header, quoting, number forms).
const LINES: &str = "\
code,name,kind,source,level,econ_class,project,amount,doc_no,allocated_on
B01,basic wages,basic,initial,district,wages,,851598.61,RC[2021]1,2021-01-01
P01,project 1,project,initial,district,,project 1,300000.00,RC[2021]101,2021-01-01
P09,project 9,project,carryover,district,,project 9,340000.00,RC[2021]109,2021-01-01
P10,project 10,project,supplementary,provincial,,project 10,53774.00,RC[2021]110,2021-11-10
";
const ADJUSTMENTS: &str = "\
line,date,amount,doc_no,reason
P29,2021-04-05,136824.80,RC[2021]333,increase
P25,2021-04-06,-69044.45,RC[2021]329,reduction
";
const DISBURSEMENTS: &str = "\
date,line,amount,payee,voucher,memo
2021-01-01,B02,5254.05,payee 363,V0000743,
2021-01-01,P17,22284.69,payee 453,V0000313,
2021-01-02,B04,48707.66,payee 438,V0000182,
";
const SCHEDULE: &str = "\
line,due,amount,payee,contract
P02,2021-07-16,1071011.85,contractor 6,HT-006
P05,2021-07-10,40878.78,contractor 9,HT-009
";

#[test]
fn gen_py_samples_parse_into_their_values() {
    let lines = parse_lines(LINES, year(), &mut quiet()).unwrap();
    assert_eq!(lines.len(), 4);
    let b01 = &lines[0];
    assert_eq!(b01.number, 2);
    assert_eq!(b01.value.code, "B01");
    assert_eq!(b01.value.kind, Kind::Basic);
    assert_eq!(b01.value.econ_class, Some(EconClass::Wages));
    assert_eq!(b01.value.project, None);
    assert_eq!(b01.value.allocated, yuan("851598.61"));
    assert_eq!(b01.value.doc_no, "RC[2021]1");
    let p10 = &lines[3];
    assert_eq!(p10.number, 5);
    assert_eq!(p10.value.source, Source::Supplementary);
    assert_eq!(p10.value.level, Level::Provincial);
    assert_eq!(p10.value.econ_class, None);
    assert_eq!(p10.value.project.as_deref(), Some("project 10"));
    assert_eq!(p10.value.allocated_on.to_string(), "2021-11-10");
    assert_eq!(lines[2].value.source, Source::Carryover);

    let adjustments = parse_adjustments(ADJUSTMENTS, year(), &mut quiet()).unwrap();
    assert_eq!(adjustments[1].value.amount, yuan("-69044.45"));
    assert_eq!(adjustments[1].value.reason, "reduction");
    assert_eq!(adjustments[1].value.batch_no, None);

    let paid = parse_disbursements(DISBURSEMENTS, year(), &mut quiet()).unwrap();
    let numbers: Vec<usize> = paid.iter().map(|r| r.number).collect();
    assert_eq!(numbers, vec![2, 3, 4]);
    assert_eq!(paid[1].value.line, "P17");
    assert_eq!(paid[1].value.voucher, "V0000313");
    assert_eq!(paid[1].value.payee, "payee 453");
    assert_eq!(paid[1].value.memo, "");
    assert_eq!(paid[1].value.contract, None);

    let schedule = parse_schedule(SCHEDULE, year(), &mut quiet()).unwrap();
    assert_eq!(schedule[0].value.contract, "HT-006");
    assert_eq!(schedule[0].value.amount, yuan("1071011.85"));
    assert_eq!(schedule[1].value.due.to_string(), "2021-07-10");
}

/// The real generator (`../shared/bench/gen.py` beside the checkout, as CI
/// provides it): every file parses, and the parsed amounts add up to gen.py's
/// own expected totals to the fen. A missing script or python3 fails the test.
#[test]
fn gen_py_output_parses_and_adds_up() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen.py");
    assert!(
        script.exists(),
        "{} is missing: this test needs the shared bench generator (../shared beside the checkout)",
        script.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new("python3")
        .arg(&script)
        .arg("200")
        .arg(dir.path())
        .status()
        .unwrap_or_else(|e| panic!("python3 must run {}: {e}", script.display()));
    assert!(status.success(), "{} failed: {status}", script.display());
    let read = |name: &str| decode(&std::fs::read(dir.path().join(name)).unwrap()).unwrap();
    let lines = parse_lines(&read("lines.csv"), year(), &mut quiet()).unwrap();
    let adjustments = parse_adjustments(&read("adjustments.csv"), year(), &mut quiet()).unwrap();
    let paid = parse_disbursements(&read("disbursements.csv"), year(), &mut quiet()).unwrap();
    let schedule = parse_schedule(&read("schedule.csv"), year(), &mut quiet()).unwrap();
    assert_eq!(paid.len(), 200);
    assert!(!schedule.is_empty());

    let expected: serde_json::Value =
        serde_json::from_str(&read("expected.json")).expect("expected.json");
    let mut spent: BTreeMap<&str, Money> = BTreeMap::new();
    for row in &paid {
        *spent.entry(row.value.line.as_str()).or_default() += row.value.amount;
    }
    let mut budget: BTreeMap<&str, Money> = lines
        .iter()
        .map(|r| (r.value.code.as_str(), r.value.allocated))
        .collect();
    for row in &adjustments {
        *budget.get_mut(row.value.line.as_str()).unwrap() += row.value.amount;
    }
    assert_eq!(lines.len(), expected["lines"].as_object().unwrap().len());
    for line in &lines {
        let code = line.value.code.as_str();
        let want = &expected["lines"][code];
        assert_eq!(
            line.value.allocated,
            yuan(want["allocated"].as_str().unwrap()),
            "{code}"
        );
        assert_eq!(
            budget[code],
            yuan(want["budget"].as_str().unwrap()),
            "{code}"
        );
        let got = spent.get(code).copied().unwrap_or_default();
        assert_eq!(got, yuan(want["spent"].as_str().unwrap()), "{code}");
    }
}

#[test]
fn chinese_headers_and_values_as_a_treasury_export_writes_them() {
    let text = "\
指标编码,指标名称,支出类型,资金来源,资金级次,经济分类,项目名称,指标金额（万元）,本级指标文号,下达日期,上级指标文号,支出功能分类科目,经济分类科目,资金性质,项目编码,经办人
B01,工资福利,基本支出,年初预算,区级,工资福利支出,,309.20,仁财预〔2021〕1号,2021/1/1,,2240101,30101,一般公共预算,,张三
P01,购买安全生产和应急管理服务,项目支出,年初,本级,,,130,仁财预〔2021〕5号,2021年1月1日,,2240106,30227,一般公共预算,51000021R000000019951,李四
P02,四川省应急救援能力提升行动计划,项目支出,追加,省,,,53.774,仁财预〔2021〕80号,2021-09-01,川财建〔2021〕12号,,,,,
";
    let lines = parse_lines(text, year(), &mut quiet()).unwrap();
    let [b01, p01, p02] = [&lines[0].value, &lines[1].value, &lines[2].value];
    assert_eq!(
        b01.allocated,
        yuan("3092000"),
        "the header's 万元 scales the amounts"
    );
    assert_eq!(b01.econ_class, Some(EconClass::Wages));
    assert_eq!(b01.refs.functional_code.as_deref(), Some("2240101"));
    assert_eq!(b01.refs.economic_code.as_deref(), Some("30101"));
    assert_eq!(b01.refs.fund_type.as_deref(), Some("一般公共预算"));
    assert_eq!(b01.refs.project_code, None);
    assert_eq!(p01.kind, Kind::Project);
    assert_eq!(p01.allocated, yuan("1300000"));
    assert_eq!(p01.allocated_on.to_string(), "2021-01-01");
    assert_eq!(
        p01.project.as_deref(),
        Some("购买安全生产和应急管理服务"),
        "an empty project cell takes the line's name"
    );
    assert_eq!(
        p01.refs.project_code.as_deref(),
        Some("51000021R000000019951")
    );
    assert_eq!(p02.level, Level::Provincial);
    assert_eq!(p02.source, Source::Supplementary);
    assert_eq!(p02.allocated, yuan("537740"));
    assert_eq!(
        p02.refs.superior_doc_no.as_deref(),
        Some("川财建〔2021〕12号")
    );

    let paid = "\
支付日期,预算指标,支付金额,收款单位,支付凭证号,摘要,合同编号,支付申请编号,收款账号,用途
2021-06-30,P01,\"1,295,000.00\",四川某安全技术服务有限公司,记-0612,第一期,HT-2021-07,ZF20210630001,5100 1234 5678,安全生产服务费
2021-07-02,P01,5万,某公司,记-0701,,,,,
";
    let paid = parse_disbursements(paid, year(), &mut quiet()).unwrap();
    let first = &paid[0].value;
    assert_eq!(first.amount, yuan("1295000"));
    assert_eq!(first.contract.as_deref(), Some("HT-2021-07"));
    assert_eq!(first.memo, "第一期");
    assert_eq!(first.refs.request_no.as_deref(), Some("ZF20210630001"));
    assert_eq!(first.refs.payee_account.as_deref(), Some("5100 1234 5678"));
    assert_eq!(first.refs.purpose.as_deref(), Some("安全生产服务费"));
    let second = &paid[1].value;
    assert_eq!(second.amount, yuan("50000"));
    assert_eq!(second.contract, None);
    assert_eq!(second.refs.request_no, None);
    assert_eq!(second.memo, "");

    let adjustments = "\
调入指标,调整日期,调整金额,调整文号,调整原因,批次号,调出指标
P02,2021-10-08,-41.92万,仁财预〔2021〕120号,调减,2021-03,
P01,2021-10-09,10000,仁财预〔2021〕121号,调剂,2021-03,P02
";
    let adjustments = parse_adjustments(adjustments, year(), &mut quiet()).unwrap();
    assert_eq!(adjustments[0].value.amount, yuan("-419200"));
    assert_eq!(adjustments[0].value.batch_no.as_deref(), Some("2021-03"));
    assert_eq!(adjustments[0].value.from_line, None);
    assert_eq!(adjustments[1].value.from_line.as_deref(), Some("P02"));

    let schedule = "\
指标,计划支付日期,金额,收款人,合同号,备注
P01,2021-12-31,129.5万,四川某安全技术服务有限公司,HT-2021-07,尾款
P02,2022-12-31,537740,某公司,HT-2021-30,
";
    let schedule = parse_schedule(schedule, year(), &mut quiet()).unwrap();
    assert_eq!(schedule[0].value.memo, "尾款");
    assert_eq!(schedule[0].value.amount, yuan("1295000"));
    assert_eq!(
        schedule[1].value.due.to_string(),
        "2022-12-31",
        "an instalment may fall due after the year"
    );
}

#[test]
fn indicators_parse_with_their_category_and_weight() {
    let text = "\
项目名称,二级指标,三级指标,年度指标值,分值,实际完成值
综合应急救援队建队,数量指标,组建综合应急救援队人数,≥ 160 人,20,160 人
综合应急救援队建队,满意度,受益群众满意度,≥ 90%,10分,
";
    let rows = parse_indicators(text, &mut quiet()).unwrap();
    assert_eq!(rows[0].value.category.to_string(), "quantity");
    assert_eq!(rows[0].value.weight.to_string(), "20");
    assert_eq!(rows[0].value.actual.as_deref(), Some("160 人"));
    assert_eq!(rows[1].value.category.to_string(), "satisfaction");
    assert_eq!(rows[1].value.weight.to_string(), "10");
    assert_eq!(rows[1].value.actual, None);

    let e = parse_indicators(&text.replace(",20,", ",120,"), &mut quiet()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "row 2, column '分值': 120 must be between 0 and 100 points"
    );
    let e = parse_indicators(&text.replace("10分", "ten"), &mut quiet()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "row 3, column '分值': 'ten' is not a number of points (write e.g. 10 or 12.5)"
    );
}

#[test]
fn encodings_excel_and_wps_save_in() {
    let csv = "支付日期,指标,金额,收款人,凭证号\n2021-03-01,P01,1200,应急管理局,记-1\n";
    let expect = |bytes: &[u8]| {
        let rows = parse_disbursements(&decode(bytes).unwrap(), year(), &mut quiet()).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].value.payee, "应急管理局");
        assert_eq!(rows[0].number, 2);
    };
    expect(csv.as_bytes());
    expect(&[b"\xEF\xBB\xBF".as_slice(), csv.as_bytes()].concat());
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(csv);
    assert!(!unmappable && std::str::from_utf8(&gbk).is_err());
    expect(&gbk);
    // Excel's "Unicode text": UTF-16 LE with a mark, tab-separated
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            csv.replace(',', "\t")
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    expect(&utf16);

    let e = decode(b"\x80\xFF\xFE garbage").unwrap_err();
    assert_eq!(e.to_string(), "the file is neither UTF-8 nor GBK text");
    assert_eq!((e.row, e.column), (None, None));
}

fn paid_error(text: &str) -> ImportError {
    parse_disbursements(text, year(), &mut quiet()).unwrap_err()
}

#[test]
fn a_missing_column_names_it_and_what_was_found() {
    let e = paid_error("date,line,amount,payee,备注\n2021-01-01,B01,1,p,x\n");
    assert_eq!(
        e.to_string(),
        "missing column 'voucher' (found: date, line, amount, payee, 备注)"
    );
    assert_eq!(e.column.as_deref(), Some("voucher"));
    let e = parse_lines("code,name\n", year(), &mut quiet()).unwrap_err();
    assert!(
        e.to_string().starts_with(
            "missing columns 'kind', 'source', 'level', 'amount', 'doc_no', 'allocated_on' (found: code, name)"
        ),
        "{e}"
    );
}

#[test]
fn a_bad_amount_names_its_row_and_column() {
    let mut text = DISBURSEMENTS.to_string();
    for i in 0..12 {
        text.push_str(&format!("2021-02-01,B01,100.00,p,W{i},\n"));
    }
    text.push_str("2021-02-01,B01,12a,p,W99,\n");
    let e = paid_error(&text);
    assert_eq!(
        e.to_string(),
        "row 17, column 'amount': '12a' is not an amount (write e.g. 1295000, 1,295,000.00 or 129.5万)"
    );
    assert_eq!(e.row, Some(17));
    assert_eq!(e.column.as_deref(), Some("amount"));
    assert!(matches!(e.problem, Problem::Invalid(..)));

    let e = paid_error("日期,指标,支付金额,收款人,凭证号\n2021-02-01,B01,0.001,p,V1\n");
    assert_eq!(
        e.to_string(),
        "row 2, column '支付金额': '0.001' has more precision than a fen (0.01 yuan)"
    );
    let e = paid_error("date,line,amount,payee,voucher\n2021-02-01,B01,-5,p,V1\n");
    assert_eq!(
        (e.row, e.column.as_deref()),
        (Some(2), Some("amount")),
        "{e}"
    );
}

#[test]
fn a_bad_date_and_a_date_outside_the_year() {
    let e = paid_error("date,line,amount,payee,voucher\n2021-02-30,B01,1,p,V1\n");
    assert_eq!(
        e.to_string(),
        "row 2, column 'date': '2021-02-30' is not a date (write e.g. 2021-06-30)"
    );
    let e = paid_error(
        "date,line,amount,payee,voucher\n2021-12-31,B01,1,p,V1\n2022-01-01,B01,1,p,V2\n",
    );
    assert_eq!(
        e.to_string(),
        "row 3, column 'date': 2022-01-01 is outside fiscal year 2021"
    );
    let e = paid_error("date,line,amount,payee,voucher\n,B01,1,p,V1\n");
    assert_eq!(e.to_string(), "row 2, column 'date': no date given");
    let e = parse_lines(
        &LINES.replace("2021-11-10", "2020-12-31"),
        year(),
        &mut quiet(),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "row 5, column 'allocated_on': 2020-12-31 is outside fiscal year 2021"
    );
}

#[test]
fn an_unknown_word_lists_the_accepted_ones() {
    let e = parse_lines(
        &LINES.replace("P09,project 9,project", "P09,project 9,projet"),
        year(),
        &mut quiet(),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "row 4, column 'kind': 'projet' is not one of: basic (基本支出), project (项目支出)"
    );
    let e = parse_lines(
        &LINES.replace(",initial,district,wages", ",initial,galactic,wages"),
        year(),
        &mut quiet(),
    )
    .unwrap_err();
    assert_eq!((e.row, e.column.as_deref()), (Some(2), Some("level")));
    assert!(
        e.to_string()
            .contains("'galactic' is not one of: district (区级)"),
        "{e}"
    );
}

#[test]
fn row_rules_of_the_domain_name_the_column() {
    // a basic line without its economic class
    let e = parse_lines(
        &LINES.replace("district,wages,", "district,,"),
        year(),
        &mut quiet(),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "row 2, column 'econ_class': a basic line needs an economic class (wages, goods, subsidies or capital)"
    );
    // a voucher with a space, in a file whose header is Chinese: the column as written
    let e = paid_error("日期,指标,金额,收款人,凭证号\n2021-01-01,B01,1,p,V 1\n");
    assert_eq!(e.row, Some(2));
    assert_eq!(e.column.as_deref(), Some("凭证号"));
    // a code used twice; a voucher used twice on a line
    let e = parse_lines(
        &format!("{LINES}B01,again,basic,initial,district,goods,,1,X,2021-01-01\n"),
        year(),
        &mut quiet(),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "row 6, column 'code': 'B01' is already the code of row 2"
    );
    // a voucher repeated within the file is left to the ledger, which skips an
    // identical repeat and refuses a conflicting one
    let repeated = parse_disbursements(
        &format!("{DISBURSEMENTS}2021-03-01,P17,1.00,payee,V0000313,\n"),
        year(),
        &mut quiet(),
    );
    assert_eq!(repeated.unwrap().len(), 4);
    // a zero adjustment
    let e = parse_adjustments(&ADJUSTMENTS.replace("136824.80", "0"), year(), &mut quiet())
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "row 2, column 'amount': an adjustment of zero changes nothing"
    );
}

#[test]
fn a_wrong_field_count_names_the_row() {
    let e = paid_error(&format!(
        "{DISBURSEMENTS}2021-01-03,P04,1,092.35,payee 161,V0000248,\n"
    ));
    assert_eq!(e.row, Some(5));
    assert_eq!(e.column, None);
    assert_eq!(
        e.problem,
        Problem::FieldCount {
            expected: 6,
            found: 7
        }
    );
    assert!(
        e.to_string()
            .starts_with("row 5 has 7 fields but the header has 6"),
        "{e}"
    );
}

#[test]
fn blank_lines_are_skipped_and_still_counted() {
    let text = format!(
        "\n{}\n,,,,,\n   \n{}",
        DISBURSEMENTS.trim_end(),
        "2021-05-05,B01,1.00,payee,V9,\n\n"
    );
    let rows = parse_disbursements(&text, year(), &mut quiet()).unwrap();
    let numbers: Vec<usize> = rows.iter().map(|r: &Row<_>| r.number).collect();
    // line 1 empty, header on 2, data 3–5, blank cells on 6, spaces on 7, V9 on 8
    assert_eq!(numbers, vec![3, 4, 5, 8]);
    assert_eq!(rows[3].value.voucher, "V9");
}

#[test]
fn unknown_columns_are_ignored_and_order_does_not_matter() {
    let text = "序号,凭证号,收款人,金额,指标,日期,审核人\n1,V1,p,10.00,B01,2021-01-05,王五\n";
    let rows = parse_disbursements(text, year(), &mut quiet()).unwrap();
    assert_eq!(rows[0].value.voucher, "V1");
    assert_eq!(rows[0].value.line, "B01");
    assert_eq!(rows[0].value.amount, yuan("10"));
}

#[test]
fn progress_and_estimate_agree_on_a_plain_file() {
    let mut text = String::from("date,line,amount,payee,voucher,memo\n");
    for i in 0..10_000 {
        text.push_str(&format!("2021-03-01,B01,1.00,p,V{i},\n"));
    }
    let mut seen = Vec::new();
    let rows = parse_disbursements(&text, year(), &mut |n| seen.push(n)).unwrap();
    assert_eq!(row_estimate(&text), rows.len());
    assert_eq!(seen.last(), Some(&10_000));
    assert!(
        seen.len() >= 3 && seen.windows(2).all(|w| w[0] < w[1]),
        "{seen:?}"
    );
}

#[test]
fn optional_english_columns_fill_refs_and_contract() {
    let lines = format!(
        "{},superior_doc_no,functional_code,economic_code,fund_type,project_code\n{}",
        LINES.lines().next().unwrap(),
        "P01,project 1,project,initial,district,,,300000.00,RC[2021]101,2021-01-01,CZ[2021]7,2240106,30227,general,51000021R000000019951\n"
    );
    let line = &parse_lines(&lines, year(), &mut quiet()).unwrap()[0].value;
    assert_eq!(line.refs.superior_doc_no.as_deref(), Some("CZ[2021]7"));
    assert_eq!(line.refs.functional_code.as_deref(), Some("2240106"));
    assert_eq!(line.refs.economic_code.as_deref(), Some("30227"));
    assert_eq!(line.refs.fund_type.as_deref(), Some("general"));
    assert_eq!(
        line.refs.project_code.as_deref(),
        Some("51000021R000000019951")
    );

    let paid = "date,line,amount,payee,voucher,memo,contract,request_no,payee_account,purpose\n\
                2021-06-30,P02,1000,acme,V1,first,HT-006,REQ-1,6222 0000,training\n";
    let paid = &parse_disbursements(paid, year(), &mut quiet()).unwrap()[0].value;
    assert_eq!(paid.contract.as_deref(), Some("HT-006"));
    assert_eq!(paid.refs.request_no.as_deref(), Some("REQ-1"));
    assert_eq!(paid.refs.payee_account.as_deref(), Some("6222 0000"));
    assert_eq!(paid.refs.purpose.as_deref(), Some("training"));
    assert_eq!(paid.memo, "first");

    let adjustments = String::from(
        "line,date,amount,doc_no,reason,batch_no,from_line\n\
                P02,2021-05-01,500,RC[2021]9,move,B-7,P01\n",
    );
    let adj = &parse_adjustments(&adjustments, year(), &mut quiet()).unwrap()[0].value;
    assert_eq!(adj.batch_no.as_deref(), Some("B-7"));
    assert_eq!(adj.from_line.as_deref(), Some("P01"));
    let e = parse_adjustments(
        &adjustments.replace(",P01\n", ",P02\n"),
        year(),
        &mut quiet(),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "row 2, column 'from_line': money cannot move from a line to itself"
    );

    let schedule = String::from(
        "line,due,amount,payee,contract,memo\nP02,2021-09-30,1000,acme,HT-006,final\n",
    );
    let item = &parse_schedule(&schedule, year(), &mut quiet()).unwrap()[0].value;
    assert_eq!(item.memo, "final");
}

#[test]
fn an_amount_header_with_an_unknown_unit_is_refused() {
    let text = "date,line,金额（千元）,payee,voucher\n2021-03-01,B01,5,p,V1\n";
    let e = parse_disbursements(text, year(), &mut quiet()).unwrap_err();
    assert!(
        e.to_string()
            .contains("column '金额（千元）': the unit '千元'"),
        "{e}"
    );
    let text = "date,line,amount (yuan),payee,voucher\n2021-03-01,B01,5,p,V1\n";
    assert_eq!(
        parse_disbursements(text, year(), &mut quiet()).unwrap()[0]
            .value
            .amount
            .plain(),
        "5.00"
    );
}
