//! Input that must be refused, through every path, and odd input that must not.
//!
//! The CSV table runs in this process against one ledger: for each file kind,
//! each column and each bad value, a file of a good row and a bad row is
//! refused naming row 3 and the column, and the ledger is unchanged (not even
//! the good row is kept). The CLI table runs the binary, one call per case,
//! and checks the exit code (1, never a panic's 101), that the message names
//! the field, and that the ledger is unchanged. The controls are valid files
//! in every odd form a spreadsheet writes, imported to the fen.

mod common;

use std::path::Path;

use outlay::Ledger;
use outlay::domain::input::NewDisbursement;
use outlay::domain::{FiscalYear, Money, PaymentRefs, parse_amount, parse_date};
use outlay::import::{self, ImportError};
use outlay::ledger::{DisbursementQuery, ImportSummary, LocalLedger};
use serde_json::json;

/// The user the binary runs as, so the ledgers made here are theirs (admin).
fn actor() -> String {
    outlay::identity::current_user()
}

fn yuan(text: &str) -> Money {
    parse_amount(text).unwrap()
}

/// A small year: a basic line B01, a project line P01 (救援队), one payment.
fn seeded(path: &Path) -> Ledger {
    let ledger = Ledger::create(path, FiscalYear::new(2021).unwrap(), "测试局", &actor()).unwrap();
    let lines = "code,name,kind,source,level,econ_class,project,amount,doc_no,allocated_on\n\
                 B01,办公费,basic,initial,district,goods,,100万,文1,2021-01-01\n\
                 P01,救援队,project,initial,district,,救援队,50万,文2,2021-01-01\n";
    let rows = import::parse_lines(lines, ledger.year(), &mut |_| {}).unwrap();
    ledger.import_lines(rows, "seed".into()).unwrap();
    ledger
        .pay(NewDisbursement {
            line: "B01".into(),
            date: parse_date("2021-02-01").unwrap(),
            amount: yuan("100"),
            payee: "某某公司".into(),
            voucher: "V0001".into(),
            memo: String::new(),
            contract: None,
            refs: PaymentRefs::default(),
            tags: Default::default(),
        })
        .unwrap();
    ledger
}

/// Everything stored, as JSON: what a refused input must leave as it was.
fn state(ledger: &Ledger) -> String {
    let year_end = parse_date("2021-12-31").unwrap();
    json!({
        "lines": ledger.lines().unwrap(),
        "paid": ledger.disbursements(DisbursementQuery::default()).unwrap(),
        "adjustments": ledger.adjustments(None).unwrap(),
        "schedule": ledger.schedule(Some(year_end), None).unwrap(),
        "indicators": ledger.indicators(None).unwrap(),
        "events": ledger.events(usize::MAX).unwrap(),
        "report": ledger.report(Some(year_end)).unwrap(),
        "projects": ledger.project_settings().unwrap(),
        "notes": ledger.notes().unwrap(),
        "info": ledger.info().unwrap(),
    })
    .to_string()
}

// ---- the CSV table -----------------------------------------------------------

#[derive(Clone, Copy, Debug)]
enum FileKind {
    Lines,
    Adjustments,
    Disbursements,
    Schedule,
    Indicators,
}

/// A file kind's columns (English name, a Chinese header), a good row and
/// the row the bad values are put into, one column at a time.
struct Layout {
    kind: FileKind,
    columns: &'static [(&'static str, &'static str)],
    good: &'static [&'static str],
    base: &'static [&'static str],
}

const LAYOUTS: [Layout; 5] = [
    Layout {
        kind: FileKind::Lines,
        columns: &[
            ("code", "指标编码"),
            ("name", "指标名称"),
            ("kind", "支出类型"),
            ("source", "资金来源"),
            ("level", "资金级次"),
            ("econ_class", "经济分类"),
            ("project", "项目名称"),
            ("amount", "指标金额"),
            ("doc_no", "指标文号"),
            ("allocated_on", "下达日期"),
            ("superior_doc_no", "上级指标文号"),
            ("functional_code", "功能分类科目"),
            ("economic_code", "经济分类科目"),
            ("fund_type", "资金性质"),
            ("project_code", "项目编码"),
        ],
        good: &[
            "B09",
            "印刷费",
            "basic",
            "initial",
            "district",
            "goods",
            "",
            "1000",
            "文9",
            "2021-01-01",
            "",
            "",
            "",
            "",
            "",
        ],
        base: &[
            "B10",
            "差旅费",
            "basic",
            "initial",
            "district",
            "goods",
            "",
            "2000",
            "文10",
            "2021-01-02",
            "上文1",
            "2240106",
            "30201",
            "一般公共预算",
            "",
        ],
    },
    Layout {
        kind: FileKind::Adjustments,
        columns: &[
            ("line", "指标编码"),
            ("date", "调整日期"),
            ("amount", "调整金额"),
            ("doc_no", "调整文号"),
            ("reason", "调整原因"),
            ("batch_no", "批次号"),
            ("from_line", "调出指标"),
        ],
        good: &["B01", "2021-04-01", "100", "调1", "追加", "", ""],
        base: &["B01", "2021-04-02", "200", "调2", "追加", "PC-1", ""],
    },
    Layout {
        kind: FileKind::Disbursements,
        columns: &[
            ("date", "支付日期"),
            ("line", "指标编码"),
            ("amount", "支付金额"),
            ("payee", "收款人"),
            ("voucher", "凭证号"),
            ("memo", "摘要"),
            ("contract", "合同号"),
            ("request_no", "支付申请编号"),
            ("payee_account", "收款账号"),
            ("purpose", "用途"),
        ],
        good: &[
            "2021-03-01",
            "B01",
            "100",
            "某某公司",
            "G0001",
            "",
            "",
            "",
            "",
            "",
        ],
        base: &[
            "2021-03-02",
            "B01",
            "200",
            "某某公司",
            "G0002",
            "办公用品",
            "HT-1",
            "SQ-1",
            "6222000011112222",
            "办公",
        ],
    },
    Layout {
        kind: FileKind::Schedule,
        columns: &[
            ("line", "指标编码"),
            ("due", "计划支付日期"),
            ("amount", "计划支付金额"),
            ("payee", "收款人"),
            ("contract", "合同号"),
            ("memo", "摘要"),
        ],
        good: &["B01", "2021-07-01", "100", "某某公司", "HT-1", ""],
        base: &["B01", "2021-07-02", "200", "某某公司", "HT-2", "第二期"],
    },
    Layout {
        kind: FileKind::Indicators,
        columns: &[
            ("project", "项目名称"),
            ("category", "二级指标"),
            ("name", "三级指标"),
            ("target", "指标值"),
            ("weight", "分值"),
            ("actual", "实际完成值"),
        ],
        good: &["救援队", "quantity", "人数", "≥ 10 人", "10", ""],
        base: &["救援队", "quality", "合格率", "≥ 95 %", "10", "96 %"],
    },
];

fn long_text() -> String {
    "长".repeat(501)
}

/// Text no field may hold: too long, or with a control character.
fn bad_text() -> Vec<String> {
    vec![
        long_text(),
        "a\u{1b}[2Jb".into(),
        "a\rb".into(),
        "a\nb".into(),
        "\u{7}".into(),
        "x\u{1b}]0;title\u{7}".into(),
        "a\u{8}b".into(),
        "a\u{7f}b".into(),
    ]
}

/// Prose no field may hold: past the prose bound, or with a control
/// character other than a line break or a tab (prose keeps its lines).
fn bad_prose() -> Vec<String> {
    let mut prose = bad_text();
    prose.retain(|t| t != "a\nb");
    prose[0] = "长".repeat(outlay::domain::settings::MAX_PROSE + 1);
    prose
}

fn bad_dates() -> Vec<String> {
    [
        "2021063",
        "+2021-06-30",
        "-2021-06-30",
        "2021-06-30 garbage",
        "2021-06-30 25:99:99",
        "2021-06-30 24:00",
        "2021-06-30T00:00:00",
        "2021-02-30",
        "2021-13-01",
        "2021-6-31",
        "21-06-30",
        "02021-06-30",
        "2021/06/30/",
        "20210630x",
        "2021-06-30\u{1b}",
        "June 30",
        "",
        "２０２１-０６-３x",
        "2021年13月1日",
        "2021年6月30",
        "2021.6.31",
        "2021 -06-30",
        "2021-0\u{200b}6-30",
    ]
    .map(String::from)
    .to_vec()
}

fn bad_amounts() -> Vec<String> {
    [
        "5 5.5",
        "12 ,000",
        "1,2345",
        "1,2,3",
        "12,34.5",
        "1e5",
        "12a",
        "",
        "万",
        "0.001",
        "1.2.3",
        "¥ 5",
        "--5",
        "5-",
        ".5",
        "5.",
        "1_000",
        "１２\u{200b}３",
        "NaN",
        "99999999999999999999",
        "10000000000000", // 10^13 元: the bound
        "-10000000000000",
        "129.5  万元",
        "0x10",
        "5\u{1b}",
    ]
    .map(String::from)
    .to_vec()
}

/// A code as a key: empty, spaced, too long, with a control character.
fn bad_codes() -> Vec<String> {
    vec![
        String::new(),
        "\u{200b}".into(),
        "\u{feff}".into(),
        "A 1".into(),
        "X".repeat(41),
        "A\u{1b}1".into(),
    ]
}

/// The bad values of one column of a layout.
fn bad_values(kind: FileKind, column: &str) -> Vec<String> {
    let mut values = match column {
        "date" | "allocated_on" => bad_dates(),
        "due" => {
            let mut dates = bad_dates();
            dates.retain(|d| !d.is_empty());
            dates.extend(["", "2011-01-01", "2040-01-01"].map(String::from));
            dates
        }
        "amount" => bad_amounts(),
        "code" => {
            let mut codes = bad_codes();
            // the good row's code, also as it looks when pasted; a stored line's
            codes.extend(["B09", "Ｂ09", "B09\u{200b}", "\u{feff}B09", "B01"].map(String::from));
            codes
        }
        "line" => {
            let mut codes = bad_codes();
            codes.extend(["B99", "P 01"].map(String::from));
            codes
        }
        "from_line" => {
            let mut codes = bad_text();
            codes.extend(["B01", "Ｂ01", "B99"].map(String::from));
            codes
        }
        "voucher" => {
            let mut codes = bad_codes();
            // the good row's voucher and a stored one, with other content
            codes.extend(
                [
                    "G0001",
                    "Ｇ0001",
                    "G0001\u{200b}",
                    "V0001",
                    "Ｖ0001",
                    "\u{feff}V0001",
                    "V\u{00ad}0001",
                    "V\u{2060}0001",
                ]
                .map(String::from),
            );
            codes
        }
        "contract" => {
            let mut codes = bad_codes();
            if matches!(kind, FileKind::Disbursements) {
                // optional there: blank is none
                codes.retain(|c| !c.trim_matches(['\u{200b}', '\u{feff}']).is_empty());
            }
            codes
        }
        "kind" | "source" | "level" | "category" => {
            vec![
                "basics".into(),
                String::new(),
                "a\u{1b}b".into(),
                long_text(),
            ]
        }
        "econ_class" => vec!["food".into(), String::new(), "\u{1b}".into()],
        "weight" => [
            "1e1", "-1", "101", "ten", "1,0", "", "5 5", "１０1", "0x1", "1.2.3",
        ]
        .map(String::from)
        .to_vec(),
        "project" if matches!(kind, FileKind::Lines) => {
            let mut texts = bad_text();
            texts.push("救援队".into()); // a basic line belongs to no project
            texts
        }
        "project" => {
            let mut texts = bad_text();
            texts.extend([String::new(), "不存在的项目".into()]);
            texts
        }
        "payee" | "name" | "target" | "reason" => {
            let mut texts = bad_text();
            texts.extend([String::new(), "\u{200b}".into()]);
            texts
        }
        _ => bad_text(),
    };
    if column == "amount" {
        match kind {
            FileKind::Adjustments => values.extend(["0", "-1000万"].map(String::from)),
            FileKind::Lines => values.push("-5".into()),
            _ => values.extend(["0", "-5", "-0.01"].map(String::from)),
        }
    }
    values
}

fn csv_text(rows: &[Vec<String>]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.write_record(row).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

/// Parses and imports a file through the library, as `outlay import` does;
/// a refusal comes back in the form the user sees.
fn import_text(ledger: &Ledger, kind: FileKind, text: &str) -> Result<ImportSummary, ImportError> {
    let year = ledger.year();
    let quiet = &mut |_| {};
    let origin = || "table.csv".to_string();
    let stored = match kind {
        FileKind::Lines => ledger.import_lines(import::parse_lines(text, year, quiet)?, origin()),
        FileKind::Adjustments => {
            ledger.import_adjustments(import::parse_adjustments(text, year, quiet)?, origin())
        }
        FileKind::Disbursements => {
            ledger.import_disbursements(import::parse_disbursements(text, year, quiet)?, origin())
        }
        FileKind::Schedule => {
            ledger.import_schedule(import::parse_schedule(text, year, quiet)?, origin())
        }
        FileKind::Indicators => {
            ledger.import_indicators(import::parse_indicators(text, quiet)?, origin())
        }
    };
    stored.map_err(|e| match e {
        outlay::Error::ImportRow { row, refusal } => ImportError::refused(row, &refusal),
        other => panic!("{kind:?}: not a refusal of a row: {other}"),
    })
}

#[test]
fn every_bad_cell_of_every_file_kind_is_refused_naming_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = seeded(&dir.path().join("table.redb"));
    let before = state(&ledger);
    let mut cases = 0;
    let mut accepted = Vec::new();
    for layout in &LAYOUTS {
        for chinese in [false, true] {
            let header: Vec<String> = layout
                .columns
                .iter()
                .map(|(en, zh)| if chinese { zh } else { en }.to_string())
                .collect();
            let good: Vec<String> = layout.good.iter().map(|c| c.to_string()).collect();
            for (at, (name, zh)) in layout.columns.iter().enumerate() {
                for value in bad_values(layout.kind, name) {
                    cases += 1;
                    let mut bad: Vec<String> = layout.base.iter().map(|c| c.to_string()).collect();
                    bad[at] = value.clone();
                    let text = csv_text(&[header.clone(), good.clone(), bad]);
                    let what = format!(
                        "{:?} {name}={value:?} (chinese headers: {chinese})",
                        layout.kind
                    );
                    match import_text(&ledger, layout.kind, &text) {
                        Ok(summary) => accepted.push(format!("{what}: {summary:?}")),
                        Err(e) => {
                            assert_eq!(e.row, Some(3), "{what}: {e}");
                            let column = e.column.as_deref().unwrap_or("");
                            assert!(
                                column == *name || column == *zh,
                                "{what}: named column {column:?}: {e}"
                            );
                            assert!(e.to_string().starts_with("row 3"), "{what}: {e}");
                            assert!(
                                e.sentence_zh().starts_with("第 3 行"),
                                "{what}: {}",
                                e.sentence_zh()
                            );
                            assert!(
                                !e.to_string().contains('\u{1b}'),
                                "{what}: the message echoes a raw escape"
                            );
                        }
                    }
                }
            }
        }
    }
    assert!(accepted.is_empty(), "accepted:\n{}", accepted.join("\n"));
    assert_eq!(state(&ledger), before, "a refused file changed the ledger");
    assert!(cases >= 500, "only {cases} cases");
    println!("{cases} bad CSV files refused");
}

#[test]
fn broken_files_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = seeded(&dir.path().join("files.redb"));
    let before = state(&ledger);
    let head = "date,line,amount,payee,voucher\n";
    let good = "2021-03-01,B01,100,某某劳务公司,G0001\n";
    let mut stray = format!("{head}{good}").into_bytes();
    let at = stray.len();
    stray.extend_from_slice(b"\x812021-03-02,B01,100,");
    stray.extend_from_slice("某某劳务公司,G0002\n".as_bytes());
    let files: Vec<(&str, Vec<u8>, Option<usize>)> = vec![
        (
            "a row with a field too many",
            format!("{head}{good}2021-03-02,B01,1,200.00,p,G2\n").into_bytes(),
            Some(3),
        ),
        (
            "a row with a field too few",
            format!("{head}{good}2021-03-02,B01,1\n").into_bytes(),
            Some(3),
        ),
        (
            "a missing column",
            "date,line,amount,payee\n2021-03-01,B01,100,p\n".into(),
            None,
        ),
        (
            "a column twice",
            "date,line,金额,payee,voucher,支付金额\n".into(),
            None,
        ),
        (
            "an unknown unit",
            "date,line,amount（美元）,payee,voucher\n".into(),
            None,
        ),
        ("a stray byte in UTF-8", stray.clone(), Some(3)),
        (
            "a lying UTF-8 mark",
            [b"\xEF\xBB\xBF".as_slice(), head.as_bytes(), b"\xFF\n"].concat(),
            Some(2),
        ),
        ("binary", b"\x00\x01\x02\x03".to_vec(), None),
        ("a workbook", b"PK\x03\x04\x14\x00".to_vec(), None),
        ("nothing", Vec::new(), None),
    ];
    for (what, bytes, row) in files {
        let refused = import::decode(&bytes)
            .and_then(|text| import_text(&ledger, FileKind::Disbursements, &text).map(|_| ()));
        let e = refused.expect_err(what);
        assert_eq!(e.row, row, "{what}: {e}");
    }
    let e = import::decode(&stray).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "row 3 (byte offset {at}): not valid UTF-8 text; the rest of the file is UTF-8: \
             fix that byte, or import with --encoding gbk if the file is GBK"
        )
    );
    assert_eq!(state(&ledger), before);
}

/// Normalised at the ledger's entry: a voucher that only looks different is
/// the stored one, whether it comes by `pay`, by import or over the socket.
#[test]
fn a_look_alike_voucher_is_the_stored_one_on_every_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("alike.redb");
    drop(seeded(&path));
    let local = LocalLedger::open(&path, &actor()).unwrap();
    let looks_alike = [
        "Ｖ0001",
        "V0001\u{200b}",
        "\u{feff}V0001",
        "V\u{00ad}0001",
        "Ｖ０００１",
    ];
    for voucher in looks_alike {
        // the socket's form of `pay`
        let call: outlay::ledger::Call = serde_json::from_value(json!({
            "call": "pay",
            "args": {"request": {
                "line": "\u{feff}B01", "date": "2021-02-01", "amount": "100",
                "payee": "某某公司", "voucher": voucher,
            }},
        }))
        .unwrap();
        let e = local.dispatch(call).unwrap_err();
        assert!(
            e.to_string()
                .contains("'V0001' is already recorded on line B01"),
            "{voucher:?}: {e}"
        );
        // the same payment imported again is already present, not new
        let text = format!(
            "date,line,amount,payee,voucher\n2021-02-01,Ｂ01,100,\u{feff}某某公司,\"{voucher}\"\n"
        );
        let rows = import::parse_disbursements(&text, local.year(), &mut |_| {}).unwrap();
        let summary = local
            .import_disbursements(rows, "again.csv".into())
            .unwrap();
        assert_eq!(
            (summary.added, summary.already_present),
            (0, 1),
            "{voucher:?}"
        );
        // and rows sent over the socket un-normalised are normalised too
        let call: outlay::ledger::Call = serde_json::from_value(json!({
            "call": "import_disbursements",
            "args": {"origin": "x.csv", "rows": [{"number": 2, "value": {
                "line": "B01", "date": "2021-02-01", "amount": "100",
                "payee": "某某公司", "voucher": voucher,
            }}]},
        }))
        .unwrap();
        let answer = local.dispatch(call).unwrap();
        assert_eq!(answer["added"], 0, "{voucher:?}");
    }
    let paid = local.disbursements(DisbursementQuery::default()).unwrap();
    assert_eq!(paid.len(), 1, "{paid:?}");
    // a lookup by a look-alike code finds the line
    assert!(local.line("Ｂ01\u{200b}".into()).unwrap().is_some());
    // an origin full of escapes and 10 000 characters long is stored bounded and clean
    let origin = format!("evil\u{1b}[2J{}.csv\r", "x".repeat(10_000));
    let text = "date,line,amount,payee,voucher\n2021-02-03,B01,5,p,V0002\n";
    let rows = import::parse_disbursements(text, local.year(), &mut |_| {}).unwrap();
    local.import_disbursements(rows, origin).unwrap();
    let event = local.events(1).unwrap().remove(0);
    assert!(
        event.subject.chars().count() <= 500,
        "{}",
        event.subject.len()
    );
    assert!(!event.subject.contains(['\u{1b}', '\r']));
    assert!(!event.detail.contains(['\u{1b}', '\r']));
}

// ---- controls: odd but valid files ---------------------------------------------

fn utf16le(text: &str) -> Vec<u8> {
    [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect()
}

#[test]
fn odd_but_valid_files_import_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = seeded(&dir.path().join("controls.redb"));
    let run = |kind, bytes: &[u8]| {
        let text = import::decode(bytes).unwrap();
        import_text(&ledger, kind, &text).unwrap_or_else(|e| panic!("{kind:?}: {e}"))
    };
    // lines: a UTF-8 mark, Chinese headers in another order, amounts in 万元,
    // a template's `*`, an unknown column, a mark before a cell, quoted values
    let lines = "\u{feff}*指标名称,指标编码,支出类型,资金来源,资金级次,经济分类,金额（万元）,指标文号,下达日期,经办人\n\
                 印刷费,\u{feff}B02,基本支出,年初,区级,商品和服务,12.5,\"仁财〔2021〕3号\",2021/1/5,张三\n\
                 \"差旅费, 会议费\",Ｂ03,basic,initial,district,goods,\"1,000\",文4,2021年1月6日,李四\n";
    assert_eq!(run(FileKind::Lines, lines.as_bytes()).added, 2);
    let b02 = ledger
        .line("B02".into())
        .unwrap()
        .expect("B02 stored by its plain code");
    assert_eq!(b02.allocated, yuan("125000"));
    assert_eq!(b02.allocated_on.to_string(), "2021-01-05");
    let b03 = ledger
        .line("B03".into())
        .unwrap()
        .expect("Ｂ03 stored as B03");
    assert_eq!(
        (b03.name.as_str(), b03.allocated),
        ("差旅费, 会议费", yuan("10000000"))
    );

    // disbursements: GBK as Excel saves it, every amount and date form
    let paid = "支付日期,指标编码,支付金额,收款人,凭证号,摘要\n\
                2021/6/30,B02,\"1,200.00\",某某劳务公司,记-001,办公\n\
                20210701,B02,１２３,某某劳务公司,记-002,\n\
                2021年7月2日,B02,129.5 万元,某某劳务公司,记-003,\n\
                2021.07.03,B02,￥1，200,某某劳务公司,记-004,\n\
                2021/7/4 0:00:00,B02,0.5万,某某劳务公司,记-005,\n\
                2021-07-05 14:05,B02,-0.00,x,记-006,\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(paid);
    assert!(!unmappable);
    // -0.00 is no payment: refused; everything else is fine
    let e = import::decode(&gbk)
        .and_then(|text| import_text(&ledger, FileKind::Disbursements, &text))
        .unwrap_err();
    assert_eq!(
        (e.row, e.column.as_deref()),
        (Some(7), Some("支付金额")),
        "{e}"
    );
    let paid = paid.rsplit_once("2021-07-05").unwrap().0;
    let (gbk, _, _) = encoding_rs::GBK.encode(paid);
    assert_eq!(run(FileKind::Disbursements, &gbk).added, 5);
    let stored = ledger
        .disbursements(DisbursementQuery {
            line: Some("B02".into()),
            ..DisbursementQuery::default()
        })
        .unwrap();
    let amounts: Vec<String> = stored.iter().map(|d| d.amount.plain()).collect();
    assert_eq!(
        amounts,
        ["1200.00", "123.00", "1295000.00", "1200.00", "5000.00"]
    );
    let dates: Vec<String> = stored.iter().map(|d| d.date.to_string()).collect();
    assert_eq!(
        dates,
        [
            "2021-06-30",
            "2021-07-01",
            "2021-07-02",
            "2021-07-03",
            "2021-07-04"
        ]
    );
    assert!(stored.iter().all(|d| d.payee == "某某劳务公司"));

    // schedule: Excel's "Unicode text", UTF-16 with a mark and tabs
    let schedule = "指标编码\t计划支付日期\t计划支付金额\t收款人\t合同号\n\
                    B02\t2022-03-01\t30万\t某某劳务公司\tＨＴ-2021-1\n";
    assert_eq!(run(FileKind::Schedule, &utf16le(schedule)).added, 1);
    let items = ledger.schedule(None, Some("B02".into())).unwrap();
    assert_eq!(items[0].item.contract, "HT-2021-1");
    assert_eq!(items[0].item.amount, yuan("300000"));

    // adjustments and indicators: plain, with full-width digits and 分
    let adjustments = "line,date,amount,doc_no,reason,from_line\nB02,2021-08-01,-５万,调3,调剂,\nB03,2021-08-01,1,200,调4,追加,\n";
    let e = import_text(&ledger, FileKind::Adjustments, adjustments).unwrap_err();
    assert_eq!(e.row, Some(3), "an unquoted 1,200 is two fields: {e}");
    let adjustments = "line,date,amount,doc_no,reason,from_line\nB02,2021-08-01,-５万,调3,调剂,\nB03,2021-08-01,\"1,200\",调4,追加,Ｂ02\n";
    assert_eq!(run(FileKind::Adjustments, adjustments.as_bytes()).added, 2);
    let moved = ledger.adjustments(Some("B03".into())).unwrap();
    assert_eq!(moved[0].from_line.as_deref(), Some("B02"));
    let indicators =
        "项目名称,二级指标,三级指标,指标值,分值\n救援队,数量指标,人数,≥ 10 人,１０分\n";
    assert_eq!(run(FileKind::Indicators, indicators.as_bytes()).added, 1);
    assert_eq!(ledger.indicators(None).unwrap()[0].weight.to_string(), "10");

    // the figures: B02 budget 125000 − 50000 − 1200, spent 1,302,723
    let report =
        serde_json::to_value(ledger.report(parse_date("2021-12-31").ok()).unwrap()).unwrap();
    let b02 = report["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == "B02")
        .unwrap();
    assert_eq!(b02["budget"], "73800.00", "{b02}");
    assert_eq!(b02["spent"], "1302523.00", "{b02}");
    // a header-only file stores nothing
    assert_eq!(
        run(
            FileKind::Disbursements,
            "date,line,amount,payee,voucher\n".as_bytes()
        )
        .added,
        0
    );
}

// ---- the CLI table --------------------------------------------------------------

/// A command line (words split at spaces) with `{}` where each bad value
/// goes, the field its refusal must name (or fields, `a|b`, where the flag and
/// the stored field differ), and the values.
struct CliCase {
    line: String,
    field: &'static str,
    values: Vec<String>,
}

fn with(mut values: Vec<String>, more: &[&str]) -> Vec<String> {
    values.extend(more.iter().map(|m| m.to_string()));
    values
}

// A table: one case a line reads better than rustfmt's layout of it.
#[rustfmt::skip]
fn cli_cases() -> Vec<CliCase> {
    let texts = bad_text;
    let required = || with(bad_text(), &["", " ", "\u{200b}"]);
    let dates = || {
        let mut d = bad_dates();
        d.retain(|d| !d.is_empty());
        with(d, &["2022-01-01"])
    };
    let due_dates = || {
        let mut d = bad_dates();
        d.retain(|d| !d.is_empty());
        with(d, &["2040-01-01", "2019-12-31"])
    };
    let amounts = || with(bad_amounts(), &["0", "-5"]);
    let decimals = || {
        let words = "1e1 1E1 1e-1 ten 1,0 0x1 1.2.3 - NaN inf ５e1";
        with(words.split(' ').map(String::from).collect(), &["", "5 5"])
    };
    let words = |word: &str| vec![word.to_string(), "\u{1b}".into(), String::new()];
    let line_add = "line add --code B05 --name n --kind basic --econ-class goods --amount 1";
    let cases = [
        ("pay B01 {} --payee p --voucher C1", "amount", amounts()),
        ("pay B01 100 --date {} --payee p --voucher C1", "date", dates()),
        ("pay {} 100 --payee p --voucher C1", "line", with(bad_codes(), &["B99"])),
        ("pay B01 100 --voucher C1 --payee {}", "payee", required()),
        ("pay B01 100 --payee p --voucher {}", "voucher", with(bad_codes(), &[
            "V0001", "Ｖ0001", "\u{feff}V0001", "V\u{00ad}0001", "V0001\u{200b}", "V\u{2060}0001",
        ])),
        ("pay B01 100 --payee p --voucher C1 --memo {}", "memo", texts()),
        ("pay B01 100 --payee p --voucher C1 --contract {}", "contract", with(texts(), &["A 1", &"X".repeat(41)])),
        ("pay B01 100 --payee p --voucher C1 --request-no {}", "request_no", texts()),
        ("pay B01 100 --payee p --voucher C1 --account {}", "payee_account", texts()),
        ("pay B01 100 --payee p --voucher C1 --purpose {}", "purpose", texts()),
        ("reverse 1 --reason {}", "reason", required()),
        ("reverse 1 --reason 错付 --date {}", "date", with(dates(), &["2021-01-31"])),
        ("reverse 1 --reason 错付 --voucher {}", "voucher", with(texts(), &["A 1", "V0001", "Ｖ0001"])),
        ("reverse 99 --reason 错付", "id", vec![String::new()]),
        ("adjust B01 {} --doc d --reason r", "amount", with(bad_amounts(), &["0", "-1000万"])),
        ("adjust B01 100 --doc d --reason r --date {}", "date", dates()),
        ("adjust B01 100 --doc {} --reason r", "doc_no", texts()),
        ("adjust B01 100 --doc d --reason {}", "reason", required()),
        ("adjust B01 100 --doc d --reason r --from {}", "from_line", with(texts(), &["B01", "Ｂ01", "B99"])),
        ("adjust B01 100 --doc d --reason r --batch {}", "batch_no", texts()),
        ("adjust {} 100 --doc d --reason r", "line", with(bad_codes(), &["B99"])),
        ("line add --kind basic --econ-class goods --amount 1 --name n --code {}", "code",
            with(bad_codes(), &["B01", "Ｂ01", "B01\u{200b}", "\u{feff}B01"])),
        ("line add --code B05 --kind basic --econ-class goods --amount 1 --name {}", "name", required()),
        ("line add --code B05 --name n --econ-class goods --amount 1 --kind {}", "kind", words("basics")),
        (&format!("{line_add} --source {{}}"), "source", words("initially")),
        (&format!("{line_add} --level {{}}"), "level", words("county")),
        ("line add --code B05 --name n --kind basic --amount 1 --econ-class {}", "econ_class", words("food")),
        ("line add --code P05 --name n --kind project --amount 1 --project {}", "project", texts()),
        (&format!("{line_add} --doc {{}}"), "doc_no", texts()),
        (&format!("{line_add} --date {{}}"), "date|allocated_on", dates()),
        ("line add --code B05 --name n --kind basic --econ-class goods --amount {}", "amount", with(bad_amounts(), &["-5"])),
        (&format!("{line_add} --superior-doc {{}}"), "superior_doc_no", texts()),
        (&format!("{line_add} --functional-code {{}}"), "functional_code", texts()),
        (&format!("{line_add} --economic-code {{}}"), "economic_code", texts()),
        (&format!("{line_add} --fund-type {{}}"), "fund_type", texts()),
        (&format!("{line_add} --project-code {{}}"), "project_code", texts()),
        ("line set {} --paced off", "line", vec!["B99".into(), "\u{200b}".into()]),
        ("line set B01 --paced {}", "paced", words("maybe")),
        ("schedule add B01 {} --due 2021-09-01 --contract HT-9 --payee p", "amount", amounts()),
        ("schedule add B01 100 --contract HT-9 --payee p --due {}", "due", due_dates()),
        ("schedule add B01 100 --due 2021-09-01 --payee p --contract {}", "contract", bad_codes()),
        ("schedule add B01 100 --due 2021-09-01 --contract HT-9 --payee {}", "payee", required()),
        ("schedule add B01 100 --due 2021-09-01 --contract HT-9 --payee p --memo {}", "memo", texts()),
        ("schedule add {} 100 --due 2021-09-01 --contract HT-9 --payee p", "line", with(bad_codes(), &["B99"])),
        ("indicator add --category quantity --name n --target ≥1 --weight 10 --project {}", "project",
            with(required(), &["不存在的项目"])),
        ("indicator add --project 救援队 --name n --target ≥1 --weight 10 --category {}", "category", words("qty")),
        ("indicator add --project 救援队 --category quantity --target ≥1 --weight 10 --name {}", "name", required()),
        ("indicator add --project 救援队 --category quantity --name n --weight 10 --target {}", "target", required()),
        ("indicator add --project 救援队 --category quantity --name n --target ≥1 --weight {}", "weight",
            with(decimals(), &["-1", "101"])),
        ("indicator add --project 救援队 --category quantity --name n --target ≥1 --weight 10 --actual {}", "actual", texts()),
        ("indicator set 1 --actual {}", "actual", texts()),
        ("indicator set 1 --reason {}", "deviation_reason", bad_prose()),
        ("indicator set 1 --target {}", "target", texts()),
        ("indicator set 1 --weight {}", "weight", with(decimals(), &["-1", "101"])),
        ("indicator set 1 --score {}", "score", with(decimals(), &["-1", "11"])),
        ("project set 救援队 --weights {}", "weights", with(Vec::new(), &[
            "1e1,50,30,10", "10,50,30", "10,50,30,11", "10,50,30,10x", "a,b,c,d", "-10,70,30,10",
        ])),
        ("project set 救援队 --reason {}", "reason", vec!["a\u{1b}[2Jb".into(), "a\rb".into(), "长".repeat(20_001)]),
        ("project set {} --reason 资金未到位", "project", vec!["不存在的项目".into(), "\u{200b}".into()]),
        ("note set conclusion {}", "text", vec!["a\u{1b}[2Jb".into(), "a\rb".into(), "\u{7}".into()]),
        ("note set {} 文字", "section", words("summary")),
        ("settings --tolerance {}", "tolerance", with(decimals(), &["-1", "101", "1e1%"])),
        ("settings --execution-cap {}", "execution_cap", words("maybe")),
        ("report --as-of {}", "as_of", dates()),
        ("list disbursements --month {}", "month", with(Vec::new(), &["+2021-06", "2021-13", "2021-06 x", "June"])),
        ("month close {}", "month", with(Vec::new(), &["+2021-06", "2021-13", "2021-06 x", "2022-01"])),
    ];
    cases
        .into_iter()
        .map(|(line, field, values)| CliCase {
            line: line.to_string(),
            field,
            values,
        })
        .collect()
}

#[test]
fn every_bad_value_on_the_command_line_is_refused_naming_its_field() {
    let env = common::Env::new();
    drop(seeded(&env.db()));
    {
        // an indicator to set, its weight 10
        let local = LocalLedger::open(&env.db(), &actor()).unwrap();
        let text = "project,category,name,target,weight\n救援队,quantity,人数,≥ 10 人,10\n";
        let rows = import::parse_indicators(text, &mut |_| {}).unwrap();
        local.import_indicators(rows, "i.csv".into()).unwrap();
    }
    let snapshot = || state(&Ledger::open(&env.db(), &actor()).unwrap());
    let before = snapshot();
    let mut cases = 0;
    for case in cli_cases() {
        for value in &case.values {
            cases += 1;
            // `--date=-2021-06-30`: a value that starts with `-` joined to its flag
            let mut args: Vec<String> = Vec::new();
            for word in case.line.split(' ') {
                match (word, args.last()) {
                    ("{}", Some(flag)) if flag.starts_with("--") && value.starts_with('-') => {
                        let joined = format!("{flag}={value}");
                        *args.last_mut().unwrap() = joined;
                    }
                    ("{}", _) => args.push(value.clone()),
                    (other, _) => args.push(other.to_string()),
                }
            }
            let out = env
                .outlay()
                .env("OUTLAY_TODAY", "2021-06-30")
                .args(&args)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
            let message = stderr.trim_start_matches("outlay: ");
            assert!(
                case.field
                    .split('|')
                    .any(|field| message.starts_with(&format!("{field}: "))),
                "{args:?} must name {}: {stderr}",
                case.field
            );
            assert!(
                !stderr.contains(['\u{1b}', '\r']),
                "{args:?}: raw control characters echoed"
            );
            assert_eq!(snapshot(), before, "{args:?} changed the ledger");
        }
    }
    assert!(cases >= 300, "only {cases} cases");
    println!("{cases} bad command lines refused");
}

/// Stored text reaches the terminal escaped, in every list and in messages.
#[test]
fn stored_control_characters_are_printed_escaped() {
    let env = common::Env::new();
    drop(seeded(&env.db()));
    let run = |args: &[&str]| {
        let out = env.outlay().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    // an import's file name is kept without its control characters
    let path = env.write(
        "evil\u{1b}[31m.csv",
        "date,line,amount,payee,voucher\n2021-02-03,B01,5,p,V0002\n",
    );
    run(&["import", "disbursements", path.to_str().unwrap()]);
    let events = run(&["list", "events"]);
    assert!(events.contains("evil[31m.csv"), "{events}");
    // text stored before these rules (an old ledger) is shown escaped
    {
        let store = outlay::store::Store::open(&env.db()).unwrap();
        store
            .write(|w| {
                w.log(outlay::domain::Event {
                    id: 0,
                    at: chrono::Utc::now(),
                    who: "old\u{1b}]0;pwned\u{7}".into(),
                    action: "import.disbursements".into(),
                    subject: "\u{1b}[2J\u{1b}[H".into(),
                    detail: "x\rfake line".into(),
                })
            })
            .unwrap();
        let mut d = store.read(|r| r.disbursement(1)).unwrap().unwrap();
        d.id = 99;
        d.voucher = "V99".into();
        d.payee = "pay\u{1b}[31mee".into();
        d.memo = "\u{202e}txt.exe".into();
        store
            .write(|w| w.insert_disbursements(std::slice::from_ref(&d)))
            .unwrap();
    }
    for list in ["events", "disbursements"] {
        let shown = run(&["list", list]);
        assert!(
            !shown.contains(['\u{1b}', '\r', '\u{7}', '\u{202e}']),
            "{list}: {shown:?}"
        );
    }
    let events = run(&["list", "events"]);
    assert!(
        events.contains("\\u{1b}[2J") && events.contains("x\\u{d}fake line"),
        "{events}"
    );
    let paid = run(&["list", "disbursements"]);
    assert!(
        paid.contains("pay\\u{1b}[31mee") && paid.contains("\\u{202e}txt.exe"),
        "{paid}"
    );
    // JSON carries the value, escaped as JSON does
    assert!(run(&["list", "disbursements", "--format", "json"]).contains("pay\\u001b[31mee"));
    // a refused value is echoed escaped
    let out = env
        .outlay()
        .args([
            "pay",
            "B01",
            "5\u{1b}[2J",
            "--payee",
            "x",
            "--voucher",
            "V9",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("\\u{1b}[2J") && !stderr.contains('\u{1b}'),
        "{stderr}"
    );
}
