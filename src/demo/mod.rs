//! Demo data: fiscal year 2021 of 攀枝花市仁和区应急管理局, rebuilt from the
//! department's own year-end self-evaluation report
//! (`shared/seeds/renhe-emergency-2021-self-evaluation.txt`).
//!
//! Pure data, no I/O. The lines, adjustments and disbursements reproduce the
//! report's reconciled totals to the fen (see `shared/domain.md`): a ledger kept
//! during the year should make those figures come out of the data, so the demo
//! does exactly that. Below the totals the report is incomplete, as real
//! reports are; where we had to invent a figure the data says so in a comment
//! marked "fill-in". Payees other than the units the report names, voucher
//! numbers, contract numbers, document numbers and classification codes are
//! invented but shaped like the real ones.

use chrono::NaiveDate;
use rust_decimal::Decimal;

mod monitoring;
mod project_forms;
mod year_end;

pub use monitoring::DemoProgress;
pub use year_end::{Judgement, Verdict, YearEnd};

use crate::domain::indicator::Tier;
use crate::domain::input::{NewAdjustment, NewDisbursement, NewIndicator, NewScheduleItem};
use crate::domain::spend_tag::SpendTag;
use crate::domain::{
    BudgetLine, Category, EconClass, FiscalYear, Kind, Level, LineRefs, Money, PaymentRefs, Source,
    parse_amount, parse_date,
};

// The tables below read better without the enum names.
use Category::{
    Cost, Economic, Quality, Quantity, Satisfaction as Satisfied, Social, Sustainability,
    Timeliness,
};
use EconClass::{Capital, Goods, Subsidies, Wages};
use Level::{Central, District, Municipal, Provincial};
use Source::{Carryover, Initial, Supplementary};

/// One fiscal year of a department, ready to be loaded into a ledger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoYear {
    pub year: FiscalYear,
    pub department: String,
    pub lines: Vec<BudgetLine>,
    pub adjustments: Vec<NewAdjustment>,
    /// In date order, as they would be logged.
    pub disbursements: Vec<NewDisbursement>,
    pub schedule: Vec<NewScheduleItem>,
    pub indicators: Vec<NewIndicator>,
    /// Lines whose money is all 政府采购 or 三公经费 (by code).
    pub line_tags: Vec<(String, SpendTag)>,
    /// The reasons, judgements and prose written at year end.
    pub year_end: YearEnd,
    /// The 绩效运行监控 return's progress values as of 2021-07-31.
    pub progress: Vec<DemoProgress>,
}

const DEPARTMENT: &str = "攀枝花市仁和区应急管理局";
const YEAR: i32 = 2021;

/// The 2021 demo year.
pub fn demo_year() -> DemoYear {
    let mut disbursements = [
        basic_payments(),
        one_off_project_payments(),
        contract_payments(),
    ]
    .concat();
    // Stable: payments of one day keep the order of the tables (by line).
    disbursements.sort_by_key(|d| d.date);
    number_vouchers(&mut disbursements);
    let indicators = indicators();
    DemoYear {
        year: FiscalYear::new(YEAR).expect("2021 is a fiscal year"),
        department: DEPARTMENT.to_string(),
        lines: LINES.iter().map(LineSpec::to_line).collect(),
        adjustments: adjustments(),
        disbursements,
        schedule: schedule(),
        // The seed calls the service contract a 政府采购合同. It states no
        // 三公经费 budget, so no line is tagged 三公: the tagged payments
        // (vehicles, receptions) show what was spent, against no budget.
        line_tags: vec![("P02".to_string(), SpendTag::Procurement)],
        year_end: year_end::year_end(&indicators),
        indicators,
        progress: monitoring::progress(),
    }
}

// ---------------------------------------------------------------------------
// Small helpers

/// An amount written as staff write it (`309.20万`, `28500`); the tables are
/// static, so a typo is a bug and panics in the tests.
fn amount(text: &str) -> Money {
    parse_amount(text).unwrap_or_else(|e| panic!("demo amount {text}: {e}"))
}

fn date(text: &str) -> NaiveDate {
    parse_date(text).unwrap_or_else(|e| panic!("demo date {text}: {e}"))
}

fn day_of(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(YEAR, month, day).expect("demo day exists")
}

/// Splits `total` into `parts` amounts that differ by at most one fen and add
/// up to `total` exactly: the first `remainder` parts carry the extra fen.
fn split_even(total: Money, parts: usize) -> Vec<Money> {
    assert!(parts > 0, "cannot split into zero parts");
    let fen = i64::try_from(total.fen()).expect("demo amounts fit in i64");
    let n = i64::try_from(parts).expect("few parts");
    let (base, remainder) = (fen.div_euclid(n), fen.rem_euclid(n));
    (0..n)
        .map(|i| Money::from_fen(base + i64::from(i < remainder)))
        .collect()
}

/// An annual sum as twelve monthly amounts, exact to the fen.
fn monthly(total: Money) -> [Money; 12] {
    split_even(total, 12)
        .try_into()
        .expect("split_even returns as many parts as asked")
}

/// A disbursement without its voucher: vouchers are numbered once the whole
/// year is in date order (see [`number_vouchers`]).
fn pay(line: &str, date: NaiveDate, amount: Money, payee: &str, memo: &str) -> NewDisbursement {
    NewDisbursement {
        line: line.to_string(),
        date,
        amount,
        payee: payee.to_string(),
        voucher: String::new(),
        memo: memo.to_string(),
        contract: None,
        refs: PaymentRefs::default(),
        tags: Default::default(),
    }
}

/// 记账凭证 are numbered per month (`记-2021-03-0012`), as bookkeeping systems
/// restart the sequence each month; the month in the number keeps it unique
/// over the year.
fn number_vouchers(disbursements: &mut [NewDisbursement]) {
    let mut month = 0;
    let mut sequence = 0;
    for d in disbursements {
        let m = chrono::Datelike::month(&d.date);
        if m != month {
            (month, sequence) = (m, 0);
        }
        sequence += 1;
        d.voucher = format!("记-{YEAR}-{m:02}-{sequence:04}");
    }
}

// ---------------------------------------------------------------------------
// Budget lines (预算指标)

struct LineSpec {
    code: &'static str,
    /// For a project line, also the project's name.
    name: &'static str,
    source: Source,
    level: Level,
    /// Some for a basic line (its economic class), None for a project line.
    econ: Option<EconClass>,
    doc_no: &'static str,
    allocated_on: &'static str,
    allocated: &'static str,
    functional_code: &'static str,
    economic_code: &'static str,
    project_code: Option<&'static str>,
}

impl LineSpec {
    fn to_line(&self) -> BudgetLine {
        let kind = if self.econ.is_some() {
            Kind::Basic
        } else {
            Kind::Project
        };
        BudgetLine {
            code: self.code.to_string(),
            name: self.name.to_string(),
            kind,
            source: self.source,
            level: self.level,
            econ_class: self.econ,
            project: (kind == Kind::Project).then(|| self.name.to_string()),
            doc_no: self.doc_no.to_string(),
            allocated_on: date(self.allocated_on),
            allocated: amount(self.allocated),
            refs: LineRefs {
                superior_doc_no: None,
                functional_code: Some(self.functional_code.to_string()),
                economic_code: Some(self.economic_code.to_string()),
                fund_type: Some("一般公共预算资金".to_string()),
                project_code: self.project_code.map(str::to_string),
                origin_year: None,
            },
        }
    }
}

/// Initial lines are authorised by the district's budget document on 1 January;
/// supplementary ones on the day their document came, before any payment.
const LINES: &[LineSpec] = &[
    // Basic expenditure, initial budget: 373.29万 by economic class.
    LineSpec {
        code: "B01",
        name: "在职人员工资福利",
        source: Initial,
        level: District,
        econ: Some(Wages),
        doc_no: "仁财预〔2021〕1号",
        allocated_on: "2021-01-01",
        allocated: "309.20万",
        functional_code: "2240101",
        economic_code: "30101",
        project_code: None,
    },
    LineSpec {
        code: "B02",
        name: "机关日常运行公用经费",
        source: Initial,
        level: District,
        econ: Some(Goods),
        doc_no: "仁财预〔2021〕1号",
        allocated_on: "2021-01-01",
        allocated: "52.27万",
        functional_code: "2240101",
        economic_code: "30201",
        project_code: None,
    },
    LineSpec {
        code: "B03",
        name: "对个人和家庭补助",
        source: Initial,
        level: District,
        econ: Some(Subsidies),
        doc_no: "仁财预〔2021〕1号",
        allocated_on: "2021-01-01",
        allocated: "11.82万",
        functional_code: "2240101",
        economic_code: "30305",
        project_code: None,
    },
    // The report lists 资本性支出 0万元: kept as a line so the class shows up.
    LineSpec {
        code: "B04",
        name: "资本性支出",
        source: Initial,
        level: District,
        econ: Some(Capital),
        doc_no: "仁财预〔2021〕1号",
        allocated_on: "2021-01-01",
        allocated: "0",
        functional_code: "2240101",
        economic_code: "31002",
        project_code: None,
    },
    // Basic, supplementary 34.33万. The report gives only the total; one
    // line for the 2021 salary adjustment is our reading of it.
    LineSpec {
        code: "B05",
        name: "调资追加工资福利",
        source: Supplementary,
        level: District,
        econ: Some(Wages),
        doc_no: "仁财预〔2021〕57号",
        allocated_on: "2021-07-20",
        allocated: "34.33万",
        functional_code: "2240101",
        economic_code: "30102",
        project_code: None,
    },
    // Projects, initial budget (district): 171.40万.
    LineSpec {
        code: "P01",
        name: "应急管理及安全生产专项工作",
        source: Initial,
        level: District,
        econ: None,
        doc_no: "仁财预〔2021〕1号",
        allocated_on: "2021-01-01",
        allocated: "30万",
        functional_code: "2240106",
        economic_code: "30299",
        project_code: Some("51041121R000000012873"),
    },
    LineSpec {
        code: "P02",
        name: "购买安全生产和应急管理服务",
        source: Initial,
        level: District,
        econ: None,
        doc_no: "仁财预〔2021〕1号",
        allocated_on: "2021-01-01",
        allocated: "130万",
        functional_code: "2240106",
        economic_code: "30227",
        project_code: Some("51041121R000000012874"),
    },
    LineSpec {
        code: "P03",
        name: "办公用房租赁费",
        source: Initial,
        level: District,
        econ: None,
        doc_no: "仁财预〔2021〕1号",
        allocated_on: "2021-01-01",
        allocated: "11.4万",
        functional_code: "2240102",
        economic_code: "30214",
        project_code: None,
    },
    // Projects, supplementary: 841.45万 budget.
    LineSpec {
        code: "P04",
        name: "八一走访慰问金",
        source: Supplementary,
        level: District,
        econ: None,
        doc_no: "仁财预〔2021〕55号",
        allocated_on: "2021-07-16",
        allocated: "7万",
        functional_code: "2240199",
        economic_code: "30299",
        project_code: None,
    },
    LineSpec {
        code: "P05",
        name: "综合应急救援队建队专项资金",
        source: Supplementary,
        level: District,
        econ: None,
        doc_no: "仁财预〔2021〕23号",
        allocated_on: "2021-04-12",
        allocated: "558.08万",
        functional_code: "2240108",
        economic_code: "30226",
        project_code: Some("51041121R000000015208"),
    },
    // Allocated 10万 and reduced by 1.418万 once procurement came in under
    // budget (see `adjustments`): the report's 8.582万 and '减少项目1个'.
    LineSpec {
        code: "P06",
        name: "应急管理办公经费",
        source: Supplementary,
        level: District,
        econ: None,
        doc_no: "仁财预〔2021〕21号",
        allocated_on: "2021-04-08",
        allocated: "10万",
        functional_code: "2240102",
        economic_code: "31002",
        project_code: None,
    },
    LineSpec {
        code: "P07",
        name: "2021年上半年固定资产投资入库奖补工作经费",
        source: Supplementary,
        level: District,
        econ: None,
        doc_no: "仁财预〔2021〕63号",
        allocated_on: "2021-08-16",
        allocated: "0.5万",
        functional_code: "2240199",
        economic_code: "30299",
        project_code: None,
    },
    LineSpec {
        code: "P08",
        name: "应急管理信息化及指挥场所建设项目",
        source: Supplementary,
        level: District,
        econ: None,
        doc_no: "仁财预〔2021〕88号",
        allocated_on: "2021-11-18",
        allocated: "120万",
        functional_code: "2240109",
        economic_code: "31007",
        project_code: Some("51041121R000000017461"),
    },
    // Fill-in: the report lists this project with no figures at all. 715 元
    // is the difference between the report's supplementary total (841.45万)
    // and the sum of the projects it does give figures for.
    LineSpec {
        code: "P09",
        name: "用友A++财务软件账套运行维护服务费",
        source: Supplementary,
        level: District,
        econ: None,
        doc_no: "仁财预〔2021〕36号",
        allocated_on: "2021-05-20",
        allocated: "715",
        functional_code: "2240101",
        economic_code: "30213",
        project_code: None,
    },
    LineSpec {
        code: "P10",
        name: "四川省应急救援能力提升行动计划（2019至2021年）项目补助资金",
        source: Supplementary,
        level: Provincial,
        econ: None,
        doc_no: "川财建〔2021〕87号",
        allocated_on: "2021-09-22",
        allocated: "53.774万",
        functional_code: "2240109",
        economic_code: "31007",
        project_code: None,
    },
    LineSpec {
        code: "P11",
        name: "2020年省级安全生产专项资金（关闭煤矿水患普查）",
        source: Supplementary,
        level: Provincial,
        econ: None,
        doc_no: "川财建〔2020〕196号",
        allocated_on: "2021-03-15",
        allocated: "20万",
        functional_code: "2240106",
        economic_code: "30227",
        project_code: None,
    },
    LineSpec {
        code: "P12",
        name: "2020年中央自然灾害救灾资金",
        source: Supplementary,
        level: Central,
        econ: None,
        doc_no: "财建〔2020〕341号",
        allocated_on: "2021-01-22",
        allocated: "32.5万",
        functional_code: "2240703",
        economic_code: "30306",
        project_code: None,
    },
    // The report lists the training part of the same central fund as a
    // project of its own; it needs a name of its own to carry indicators.
    LineSpec {
        code: "P13",
        name: "2020年中央自然灾害救灾资金（培训演练）",
        source: Supplementary,
        level: Central,
        econ: None,
        doc_no: "财建〔2020〕341号",
        allocated_on: "2021-01-22",
        allocated: "20万",
        functional_code: "2240199",
        economic_code: "30216",
        project_code: None,
    },
    LineSpec {
        code: "P14",
        name: "2020年中央财政农业资源及生态保护补助资金（长江禁捕）",
        source: Supplementary,
        level: Central,
        econ: None,
        doc_no: "财农〔2020〕98号",
        allocated_on: "2021-01-15",
        allocated: "20.9425万",
        functional_code: "2130135",
        economic_code: "30226",
        project_code: None,
    },
    // Projects, carried over from 2020: 34万 budget.
    LineSpec {
        code: "P15",
        name: "2020年中央自然灾害防治体系建设补助资金",
        source: Carryover,
        level: Central,
        econ: None,
        doc_no: "财建〔2020〕172号",
        allocated_on: "2021-01-01",
        allocated: "24万",
        functional_code: "2240104",
        economic_code: "31003",
        project_code: None,
    },
    LineSpec {
        code: "P16",
        name: "老街社区安全生产基础条件提升和安全隐患排查整改",
        source: Carryover,
        level: Municipal,
        econ: None,
        doc_no: "攀财建〔2020〕156号",
        allocated_on: "2021-01-01",
        allocated: "10万",
        functional_code: "2240106",
        economic_code: "30299",
        project_code: None,
    },
];

/// 指标调整 of the year.
fn adjustments() -> Vec<NewAdjustment> {
    vec![NewAdjustment {
        line: "P06".into(),
        date: date("2021-11-25"),
        amount: amount("-1.418万"),
        doc_no: "仁财预〔2021〕92号".into(),
        reason: "办公设备政府采购结余，调减指标收回财政".into(),
        batch_no: Some("2021-TJ-014".into()),
        from_line: None,
    }]
}

// ---------------------------------------------------------------------------
// Basic expenditure payments

const STAFF_PAYROLL: &str = "仁和区应急管理局在职职工（工资统发）";

fn basic_payments() -> Vec<NewDisbursement> {
    let mut out = Vec::new();

    // Wages go out on the 15th through the treasury's unified payroll.
    for (month, part) in (1..=12).zip(monthly(amount("309.20万"))) {
        let memo = format!("{YEAR}年{month}月工资、津贴补贴及单位缴纳社保");
        out.push(pay("B01", day_of(month, 15), part, STAFF_PAYROLL, &memo));
    }

    // The salary adjustment came in July, back-dated to January: the first
    // payment makes up January–July, then it rides on each month's payroll.
    let adjustment = monthly(amount("34.33万"));
    let back_pay: Money = adjustment[..7].iter().copied().sum();
    out.push(pay(
        "B05",
        date("2021-07-28"),
        back_pay,
        STAFF_PAYROLL,
        "调资补发2021年1-7月工资",
    ));
    for (month, part) in (8..=12).zip(&adjustment[7..]) {
        let memo = format!("{YEAR}年{month}月调资增资部分");
        out.push(pay("B05", day_of(month, 15), *part, STAFF_PAYROLL, &memo));
    }

    out.extend(goods_payments());

    // Subsidies: the retirees' allowance monthly, the one-child and medical
    // allowances quarterly: 9.6万 + 2.22万 = 11.82万.
    for month in 1..=12 {
        let memo = format!("{YEAR}年{month}月退休人员生活补助（2人）");
        out.push(pay(
            "B03",
            day_of(month, 18),
            amount("8000"),
            "仁和区应急管理局退休人员（社保代发）",
            &memo,
        ));
    }
    for (quarter, month) in (1..=4).zip([3, 6, 9, 12]) {
        let memo = format!("{YEAR}年第{quarter}季度独生子女父母奖励及医疗补助");
        out.push(pay(
            "B03",
            day_of(month, 24),
            amount("5550"),
            "仁和区应急管理局在职及退休职工",
            &memo,
        ));
    }
    out
}

/// Monthly bills of goods & services: (day of month, payee, what, Jan…Dec).
const MONTHLY_BILLS: &[(u32, &str, &str, [&str; 12])] = &[
    (
        10,
        "国网四川省电力公司攀枝花供电公司",
        "办公楼电费",
        [
            "3126.40", "2884.10", "2752.60", "3418.90", "4562.30", "5217.80", "5904.20", "5688.50",
            "4731.60", "3602.40", "2967.10", "3044.70",
        ],
    ),
    (
        20,
        "中国电信股份有限公司攀枝花分公司",
        "宽带及固定电话费",
        ["1280"; 12],
    ),
    (
        25,
        "攀枝花市仁和区聚力劳务派遣有限公司",
        "编外聘用人员（驾驶员、值班员）劳务费",
        ["8400"; 12],
    ),
    (
        15,
        "仁和区应急管理局在职职工（公务交通补贴）",
        "公务交通补贴",
        ["14700"; 12],
    ),
];

/// Goods & services paid now and then: (date, payee, memo, yuan).
#[rustfmt::skip]
const OCCASIONAL_GOODS: &[(&str, &str, &str, &str)] = &[
    ("2021-01-12", "中国石化销售股份有限公司四川攀枝花石油分公司", "公务用车加油卡充值", "6000"),
    ("2021-01-26", "攀枝花市仁和区文达办公用品经营部", "办公用品（纸张、硒鼓、文具）", "4386"),
    ("2021-03-05", "中国人民财产保险股份有限公司攀枝花市仁和支公司", "公务用车年度保险", "6820"),
    ("2021-03-12", "仁和区应急管理局职工（差旅费报销）", "赴成都参加全省应急管理业务培训差旅费", "3860"),
    ("2021-03-15", "中国石化销售股份有限公司四川攀枝花石油分公司", "公务用车加油卡充值", "6000"),
    ("2021-03-29", "攀枝花市水务（集团）有限公司", "第一季度水费", "642.50"),
    ("2021-03-31", "攀枝花市仁和区安居物业服务有限公司", "第一季度物业管理费", "6090"),
    ("2021-04-02", "攀枝花市仁和区金鼎印务有限公司", "应急值守登记簿及执法文书印制", "6300"),
    ("2021-04-15", "攀枝花市仁和区文达办公用品经营部", "办公用品", "5120.50"),
    ("2021-04-28", "仁和区应急管理局职工（差旅费报销）", "赴市应急管理局参加防汛业务会差旅费", "2145"),
    ("2021-05-14", "攀枝花市仁和区迤沙拉农家饭庄", "省市应急管理督导组公务接待", "1260"),
    ("2021-05-17", "中国石化销售股份有限公司四川攀枝花石油分公司", "公务用车加油卡充值", "6000"),
    ("2021-05-20", "仁和区应急管理局职工（差旅费报销）", "赴西昌学习森林防灭火经验差旅费", "4270"),
    ("2021-06-10", "攀枝花市仁和区顺达汽车维修服务有限公司", "公务用车维修保养", "3460"),
    ("2021-06-25", "仁和区应急管理局工会委员会", "上半年工会经费", "15460"),
    ("2021-06-28", "攀枝花市水务（集团）有限公司", "第二季度水费", "715"),
    ("2021-06-30", "仁和区应急管理局职工（差旅费报销）", "乡镇防汛检查差旅费", "1980"),
    ("2021-06-30", "攀枝花市仁和区安居物业服务有限公司", "第二季度物业管理费", "6090"),
    ("2021-07-08", "攀枝花市仁和区文达办公用品经营部", "办公用品", "3968"),
    ("2021-07-13", "中国石化销售股份有限公司四川攀枝花石油分公司", "公务用车加油卡充值", "6000"),
    ("2021-07-22", "攀枝花市仁和区博远电脑经营部", "办公电脑及打印机维修", "2340"),
    ("2021-08-06", "攀枝花市仁和区金府宾馆", "全区防汛抗旱工作会议会场", "6400"),
    ("2021-08-18", "仁和区应急管理局职工（差旅费报销）", "赴成都参加危险化学品安全监管培训差旅费", "5340"),
    ("2021-09-14", "中国石化销售股份有限公司四川攀枝花石油分公司", "公务用车加油卡充值", "6000"),
    ("2021-09-15", "攀枝花市仁和区金鼎印务有限公司", "安全生产月宣传资料印制", "4850"),
    ("2021-09-17", "中国邮政集团有限公司攀枝花市分公司", "公文及执法文书邮寄费", "286"),
    ("2021-09-28", "攀枝花市水务（集团）有限公司", "第三季度水费", "893.60"),
    ("2021-09-30", "攀枝花市仁和区安居物业服务有限公司", "第三季度物业管理费", "6090"),
    ("2021-10-19", "攀枝花市仁和区文达办公用品经营部", "办公用品", "4752"),
    ("2021-10-28", "攀枝花市仁和区金府宾馆", "机关干部业务培训场地及资料", "7200"),
    ("2021-11-09", "攀枝花市仁和区顺达汽车维修服务有限公司", "公务用车维修保养", "5180"),
    ("2021-11-16", "中国石化销售股份有限公司四川攀枝花石油分公司", "公务用车加油卡充值", "6000"),
    ("2021-11-23", "攀枝花市仁和区迤沙拉农家饭庄", "市安委会考核组公务接待", "980"),
    ("2021-11-26", "仁和区应急管理局职工（差旅费报销）", "赴乐山参加全省安全生产执法培训差旅费", "3475.10"),
    ("2021-12-10", "仁和区应急管理局工会委员会", "下半年工会经费", "15460"),
    ("2021-12-14", "中国邮政集团有限公司攀枝花市分公司", "公文及执法文书邮寄费", "342"),
    ("2021-12-16", "攀枝花市仁和区文达办公用品经营部", "办公用品", "3305.50"),
    ("2021-12-27", "攀枝花市水务（集团）有限公司", "第四季度水费", "688.20"),
    ("2021-12-28", "攀枝花市仁和区安居物业服务有限公司", "第四季度物业管理费", "6090"),
];

/// 商品和服务支出: the bills above add up to the report's 52.27万 exactly.
fn goods_payments() -> Vec<NewDisbursement> {
    let monthly = MONTHLY_BILLS
        .iter()
        .flat_map(|(day, payee, what, amounts)| {
            (1..=12).zip(amounts).map(move |(month, yuan)| {
                let memo = format!("{YEAR}年{month}月{what}");
                pay("B02", day_of(month, *day), amount(yuan), payee, &memo)
            })
        });
    let occasional = OCCASIONAL_GOODS.iter().map(|(on, payee, memo, yuan)| {
        let mut payment = pay("B02", date(on), amount(yuan), payee, memo);
        payment.tags = three_public_tag(memo).into_iter().collect();
        payment
    });
    monthly.chain(occasional).collect()
}

/// The 三公经费 kind of a goods payment, as its memo names it.
fn three_public_tag(memo: &str) -> Option<SpendTag> {
    if memo.contains("公务用车") {
        Some(SpendTag::Vehicles)
    } else if memo.contains("公务接待") {
        Some(SpendTag::Reception)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------
// Project payments that are not contract instalments

/// (line, date, payee, memo, amount).
#[rustfmt::skip]
const PROJECT_PAYMENTS: &[(&str, &str, &str, &str, &str)] = &[
    // 应急管理及安全生产专项工作: 30万, all paid (report: 30万已完成).
    ("P01", "2021-02-26", "攀枝花市仁和区科安电子科技有限公司", "执法记录仪及执法检查装备", "38600"),
    ("P01", "2021-03-30", "攀枝花市安全生产协会", "“创安2021”专项执法检查专家咨询费", "24000"),
    ("P01", "2021-04-23", "攀枝花市仁和区金府宾馆", "安全生产监管业务培训（第1、2期）", "31500"),
    ("P01", "2021-05-12", "攀枝花市仁和区红日广告有限公司", "防灾减灾日宣传活动物资", "26800"),
    ("P01", "2021-06-18", "攀枝花市仁和区红日广告有限公司", "“安全生产月”宣传展板及物资", "34200"),
    ("P01", "2021-07-20", "攀枝花市仁和区金鼎印务有限公司", "新《安全生产法》宣传册1100册", "15400"),
    ("P01", "2021-08-26", "攀枝花市仁和区安达应急装备有限公司", "综合应急演练物资及保障", "42300"),
    ("P01", "2021-09-28", "攀枝花市仁和区金府宾馆", "新《安全生产法》培训（第3、4期）", "29700"),
    ("P01", "2021-11-15", "攀枝花市仁和区金府宾馆", "应急能力提升训练培训班", "38000"),
    ("P01", "2021-12-20", "攀枝花市安全生产协会", "重点企业安全生产知识现场抽考", "19500"),
    // 八一走访慰问金: 7万 to the three units the report names, before 1 August.
    ("P04", "2021-07-28", "攀枝花市仁和区消防救援大队", "八一走访慰问金", "25000"),
    ("P04", "2021-07-29", "攀枝花市仁和区森林消防大队", "八一走访慰问金", "25000"),
    ("P04", "2021-07-30", "攀枝花市森林消防支队", "八一走访慰问金", "20000"),
    // 综合应急救援队: the team's kit, bought when the team was formed; the
    // monthly service fees are contract instalments (see CONTRACTS).
    ("P05", "2021-04-20", "攀枝花市仁和区安达应急装备有限公司", "综合应急救援队员服装及个人防护装备（160套）", "38.47万"),
    // 应急管理办公经费: 8.582万 of equipment, the list the report gives.
    ("P06", "2021-05-26", "攀枝花市仁和区博远电脑经营部", "台式电脑5台、笔记本电脑4台", "51200"),
    ("P06", "2021-05-28", "攀枝花市仁和区兴业办公设备有限公司", "复印机1台、打印机2台", "34620"),
    ("P07", "2021-09-10", "攀枝花市仁和区金鼎印务有限公司", "固定资产投资项目入库资料整理印制", "5000"),
    // Fill-in: the report gives no figures for the 用友 maintenance (see P09).
    ("P09", "2021-06-08", "攀枝花用友财务软件服务中心", "用友A++财务软件账套年度运行维护", "715"),
    // 2020年中央自然灾害救灾资金: 32.5万 paid on 2021-02-19 through the
    // 惠民惠农一卡通 to 326 households in five townships.
    ("P12", "2021-02-19", "啊喇彝族乡受灾困难群众（一卡通代发）", "2020年自然灾害生活救助", "8.2万"),
    ("P12", "2021-02-19", "同德镇受灾困难群众（一卡通代发）", "2020年自然灾害生活救助", "7.1万"),
    ("P12", "2021-02-19", "福田镇受灾困难群众（一卡通代发）", "2020年自然灾害生活救助", "6.4万"),
    ("P12", "2021-02-19", "大龙潭彝族乡受灾困难群众（一卡通代发）", "2020年自然灾害生活救助", "5.6万"),
    ("P12", "2021-02-19", "中坝乡受灾困难群众（一卡通代发）", "2020年自然灾害生活救助", "5.2万"),
    // Training paid in 2021 (1.74万); the drill and the rest wait for 2022.
    ("P13", "2021-06-22", "攀枝花市仁和区金府宾馆", "一卡通自然灾害救助资金审批系统培训（148人）", "6200"),
    ("P13", "2021-09-16", "攀枝花市仁和区金府宾馆", "综合应急救援队伍培训（160人）", "11200"),
    // Fill-in: the report says only that 20.9425万 is paid by end 2022. The
    // patrol staff's pay and kit below make the supplementary projects' spent
    // total exactly 348.87万; the remaining 0.936万 is left for 2022.
    ("P14", "2021-06-17", "攀枝花市仁和区安达应急装备有限公司", "渔政巡护装备（救生衣、执法记录仪）", "8065"),
    // Carried over: 17 天通一号 satellite phones, delivered February 2021.
    ("P15", "2021-02-24", "中国电信股份有限公司攀枝花分公司", "天通一号卫星电话17台（12个乡镇和1个街道）", "23.97万"),
    ("P16", "2021-03-26", "攀枝花市仁和区安达应急装备有限公司", "老街社区微型消防站器材", "46000"),
    ("P16", "2021-05-10", "攀枝花市仁和区金鼎印务有限公司", "家庭应急指导手册、宣传画及展架", "23000"),
    ("P16", "2021-08-20", "攀枝花市仁和区安达应急装备有限公司", "社区应急物资（救援、通讯、照明、防火）", "31000"),
];

fn one_off_project_payments() -> Vec<NewDisbursement> {
    let mut out: Vec<_> = PROJECT_PAYMENTS
        .iter()
        .map(|(line, on, payee, memo, yuan)| pay(line, date(on), amount(yuan), payee, memo))
        .collect();
    // Fill-in (see P14 above): five patrol staff at 3,200 元 a month.
    for month in 1..=12 {
        let memo = format!("{YEAR}年{month}月渔政巡护员劳务报酬（5人）");
        out.push(pay(
            "P14",
            day_of(month, 28),
            amount("16000"),
            "长江禁捕渔政巡护员（银行代发）",
            &memo,
        ));
    }
    out
}

// ---------------------------------------------------------------------------
// Contracts: their instalments (合同支付计划) and the payments made on them

struct Contract {
    line: &'static str,
    contract: &'static str,
    payee: &'static str,
    memo: &'static str,
    /// (due, amount, paid on): paid in full on that date, or unpaid in 2021.
    instalments: &'static [(&'static str, &'static str, Option<&'static str>)],
}

const CONTRACTS: &[Contract] = &[
    // The report's overdue warning: 129.5万 due under the contract, nothing
    // paid in 2021 '因财政资金紧张'.
    Contract {
        line: "P02",
        contract: "RHCG-2021-017",
        payee: "攀枝花市安源安全技术服务有限公司",
        memo: "安全生产技术服务政府采购合同（7大项服务）",
        instalments: &[
            ("2021-07-31", "64.75万", None),
            ("2021-11-30", "64.75万", None),
        ],
    },
    // Lease of floors 4–6 of the PICC building, 2021-02-01 → 2022-01-31, paid
    // quarterly in advance.
    Contract {
        line: "P03",
        contract: "RHZL-2021-002",
        payee: "中国人民财产保险股份有限公司攀枝花市仁和支公司",
        memo: "办公用房租赁（4、5、6楼，761.67平方米）",
        instalments: &[
            ("2021-02-01", "28500", Some("2021-02-01")),
            ("2021-05-01", "28500", Some("2021-05-01")),
            ("2021-08-01", "28500", Some("2021-08-01")),
            ("2021-11-01", "28500", Some("2021-11-01")),
        ],
    },
    // The 160-strong rescue team is staffed through a service contract, paid
    // monthly before each month end: 8 × 30万 = 240万, with the kit 38.47万
    // (see PROJECT_PAYMENTS) the report's 278.47万.
    Contract {
        line: "P05",
        contract: "RHYJ-2021-008",
        payee: "攀枝花市仁和区聚力劳务派遣有限公司",
        memo: "综合应急救援队（160人）队伍服务费",
        instalments: &[
            ("2021-05-31", "30万", Some("2021-05-25")),
            ("2021-06-30", "30万", Some("2021-06-25")),
            ("2021-07-31", "30万", Some("2021-07-26")),
            ("2021-08-31", "30万", Some("2021-08-25")),
            ("2021-09-30", "30万", Some("2021-09-24")),
            ("2021-10-31", "30万", Some("2021-10-25")),
            ("2021-11-30", "30万", Some("2021-11-25")),
            ("2021-12-31", "30万", Some("2021-12-24")),
        ],
    },
    // The platform is funded by the district's 120万 and the province's
    // 53.774万 (the report gives both projects the same indicators); both
    // are due at the end of 2022, so not overdue in 2021.
    Contract {
        line: "P08",
        contract: "RHCG-2021-063",
        payee: "四川蜀信应急信息技术有限公司",
        memo: "应急管理信息化综合应用平台及指挥场所建设",
        instalments: &[("2022-12-31", "120万", None)],
    },
    Contract {
        line: "P10",
        contract: "RHCG-2021-063",
        payee: "四川蜀信应急信息技术有限公司",
        memo: "应急管理信息化综合应用平台（省级补助部分）",
        instalments: &[("2022-12-31", "53.774万", None)],
    },
    // Work finished in June 2021, payment due in September, not paid: overdue.
    Contract {
        line: "P11",
        contract: "RHAJ-2021-011",
        payee: "攀枝花市华安矿山安全技术服务有限公司",
        memo: "10处关闭煤矿水患普查",
        instalments: &[("2021-09-30", "20万", None)],
    },
];

fn schedule() -> Vec<NewScheduleItem> {
    CONTRACTS
        .iter()
        .flat_map(|c| {
            c.instalments
                .iter()
                .enumerate()
                .map(|(i, (due, yuan, _))| NewScheduleItem {
                    line: c.line.to_string(),
                    contract: c.contract.to_string(),
                    payee: c.payee.to_string(),
                    due: date(due),
                    amount: amount(yuan),
                    memo: format!("{}（第{}期）", c.memo, i + 1),
                })
        })
        .collect()
}

fn contract_payments() -> Vec<NewDisbursement> {
    CONTRACTS
        .iter()
        .flat_map(|c| {
            c.instalments
                .iter()
                .enumerate()
                .filter_map(|(i, (_, yuan, paid_on))| {
                    let memo = format!("{}（第{}期）", c.memo, i + 1);
                    paid_on.map(|on| NewDisbursement {
                        contract: Some(c.contract.to_string()),
                        ..pay(c.line, date(on), amount(yuan), c.payee, &memo)
                    })
                })
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Performance indicators (绩效指标)

/// (category, name, target, actual as the report states it).
type IndicatorSpec = (Category, &'static str, &'static str, Option<&'static str>);

/// Every project's indicators, from the report's 绩效目标完成情况 section.
/// Where the report gives only what was achieved, the target is that figure;
/// "2021年完成" is read as done by 2021-12-31; satisfaction is stated only as
/// a threshold ('90%以上'), never as a surveyed figure, so its actual is None.
#[rustfmt::skip]
const INDICATORS: &[(&str, &[IndicatorSpec])] = &[
    (
        "应急管理及安全生产专项工作",
        &[
            (Quantity, "检查指导企业", "≥ 50 家次", Some("50 家次")),
            (Quantity, "安全生产培训", "≥ 4 期", Some("4 期")),
            (Quantity, "综合（专项）应急演练", "≥ 8 次", Some("8 次")),
            (Quality, "隐患排查整改", "隐患排查整改到位", Some("排查各类安全隐患471条")),
            (Timeliness, "项目完成时间", "≤ 2021-12-31", Some("2021-12-31")),
            (Cost, "专项工作经费", "≤ 30 万元", Some("30 万元")),
            (Social, "较大及以上生产安全事故", "= 0 起", Some("0 起")),
            (Satisfied, "受益群众满意度", "≥ 90 %", None),
        ],
    ),
    (
        "购买安全生产和应急管理服务",
        &[
            (Quantity, "合同约定服务内容", "= 7 大项", Some("7 大项")),
            (Quality, "合同完成质量", "按时按质量完成合同内容", None),
            (Timeliness, "项目完成时间", "≤ 2021-12-31", Some("2021-12-31")),
            // Nothing paid in 2021: no cost to report yet.
            (Cost, "技术服务费", "≤ 130 万元", None),
            (Social, "防范遏制较大以上生产安全事故", "有效防范和遏制较大以上生产安全事故", None),
            (Sustainability, "技术服务影响年限", "≥ 3 年", None),
            (Satisfied, "受益群众满意度", "≥ 95 %", None),
        ],
    ),
    (
        "办公用房租赁费",
        &[
            (Quantity, "租用办公用房面积", "≥ 761.67 平方米", Some("761.67 平方米")),
            (Quality, "后勤保障", "保障正常办公", None),
            (Timeliness, "租期起始日期", "≤ 2021-02-01", Some("2021-02-01")),
            (Cost, "房屋租赁费", "≤ 11.4 万元", Some("11.4 万元")),
            (Social, "办公保障", "为正常办公提供后勤保障", None),
            (Satisfied, "职工及群众满意度", "≥ 95 %", None),
        ],
    ),
    (
        "八一走访慰问金",
        &[
            (Quantity, "走访慰问单位", "= 3 个", Some("3 个")),
            (Quality, "慰问质量", "按时按质完成慰问", None),
            (Timeliness, "完成时间", "≤ 2021-08-01", Some("2021-07-30")),
            (Cost, "慰问金", "≤ 7 万元", Some("7 万元")),
            (Social, "双拥意识和国防观念", "巩固和发展军民关系", None),
            (Satisfied, "群众满意度", "≥ 95 %", None),
        ],
    ),
    (
        "综合应急救援队建队专项资金",
        &[
            (Quantity, "综合应急救援队人数", "≥ 160 人", Some("160 人")),
            (Quantity, "前置驻防乡镇", "= 12 个", Some("12 个")),
            (Quality, "资金使用", "根据实际需求支付使用", None),
            (Timeliness, "完成时间", "≤ 2021-12-31", Some("2021-12-31")),
            (Cost, "建队资金", "≤ 558.08 万元", Some("278.47 万元")),
            (Social, "应急救援需要", "满足本区域各类突发事件应急救援需要", None),
            (Satisfied, "受益群众满意度", "≥ 95 %", None),
        ],
    ),
    (
        "应急管理办公经费",
        &[
            (Quantity, "台式电脑", "= 5 台", Some("5 台")),
            (Quantity, "笔记本电脑", "= 4 台", Some("4 台")),
            (Quantity, "复印机及打印机", "= 3 台", Some("3 台")),
            (Quality, "验收", "根据采购要求通过验收合格", None),
            (Timeliness, "完成时间", "≤ 2021-12-31", Some("2021-12-31")),
            (Cost, "办公经费", "≤ 8.582 万元", Some("8.582 万元")),
            (Social, "森林防灭火风险防控效能", "全面提升森林防灭火风险防控效能", None),
            (Satisfied, "群众满意度", "≥ 95 %", None),
        ],
    ),
    (
        // Fill-in: the report's section for this project is an empty form.
        // One count and one cost, taking the project's 90 points between them.
        "用友A++财务软件账套运行维护服务费",
        &[
            (Quantity, "运行维护财务软件账套", "= 1 套", Some("1 套")),
            (Cost, "运行维护服务费", "≤ 0.0715 万元", Some("0.0715 万元")),
        ],
    ),
    (
        "2021年上半年固定资产投资入库奖补工作经费",
        &[
            (Quantity, "固定资产投资项目入库", "≥ 3.57 亿元", Some("3.57 亿元")),
            (Quality, "入库工作保障", "为固定资产投资入库工作提供保障", None),
            (Timeliness, "完成时间", "≤ 2021-12-31", None),
            (Cost, "工作经费", "≤ 0.5 万元", Some("0.5 万元")),
            (Social, "入库工作正常开展", "为固定资产投资入库工作正常开展提供保障", None),
            (Satisfied, "群众满意度", "≥ 95 %", None),
        ],
    ),
    (
        "应急管理信息化及指挥场所建设项目",
        &[
            (Quantity, "应急管理信息化综合应用平台", "= 1 个", None),
            (Quality, "建设质量", "按建设方案完成建设内容并通过验收", None),
            (Timeliness, "完成时间", "≤ 2022-12-31", None),
            (Cost, "建设资金", "≤ 120 万元", None),
            (Social, "指挥协调和救援处置能力", "进一步提升指挥协调、救援处置、风险防范能力", None),
            (Satisfied, "群众满意度", "≥ 90 %", None),
        ],
    ),
    (
        "四川省应急救援能力提升行动计划（2019至2021年）项目补助资金",
        &[
            (Quantity, "应急管理信息化综合应用平台", "= 1 个", None),
            (Quality, "建设质量", "按建设方案完成建设内容并通过验收", None),
            (Timeliness, "完成时间", "≤ 2022-12-31", None),
            (Cost, "补助资金", "≤ 53.774 万元", None),
            (Social, "指挥协调和救援处置能力", "进一步提升指挥协调、救援处置、风险防范能力", None),
            (Satisfied, "群众满意度", "≥ 90 %", None),
        ],
    ),
    (
        "2020年省级安全生产专项资金（关闭煤矿水患普查）",
        &[
            (Quantity, "关闭煤矿水患普查", "≥ 10 处", Some("10 处")),
            (Quality, "普查报告备案", "形成水患普查报告并通过省矿山防治水中心备案", Some("已形成报告并备案")),
            (Timeliness, "完成时间", "≤ 2021-12-31", Some("2021-06-30")),
            // Unpaid in 2021 ('拟安排在2022年支付').
            (Cost, "普查经费", "≤ 20 万元", None),
            (Economic, "行业发展", "符合行业发展情况", None),
            (Social, "预防水患事故", "为周边保留煤矿预防水患事故提供基础资料", None),
            (Sustainability, "基础资料长期有效", "普查资料永久有效", None),
            (Satisfied, "人民群众满意度", "≥ 95 %", None),
        ],
    ),
    (
        "2020年中央自然灾害救灾资金",
        &[
            (Quantity, "救助受灾困难群众", "≥ 326 户", Some("326 户")),
            (Quantity, "救助乡镇", "= 5 个", Some("5 个")),
            (Quality, "救助质量", "根据灾情实际完成资金救助", None),
            (Timeliness, "资金发放时间", "≤ 2021-02-19", Some("2021-02-19")),
            (Cost, "救灾资金", "≤ 32.5 万元", Some("32.5 万元")),
            (Social, "受灾群众基本生活", "有效提高受灾困难群众基本生活质量", None),
            (Satisfied, "群众满意度", "≥ 90 %", None),
        ],
    ),
    (
        "2020年中央自然灾害救灾资金（培训演练）",
        &[
            (Quantity, "救助资金审批系统培训", "≥ 148 人", Some("148 人")),
            (Quantity, "综合应急救援队伍培训", "≥ 160 人", Some("160 人")),
            // The drill is planned for 2022: none held in 2021.
            (Quantity, "应急演练", "≥ 1 次", Some("0 次")),
            (Quality, "培训质量", "根据需求进行培训，通过培训合格", None),
            (Timeliness, "完成时间", "≤ 2022-12-31", None),
            (Cost, "培训演练经费", "≤ 20 万元", Some("1.74 万元")),
            (Social, "快速应急处置能力", "普及公众应急知识，提升快速应急处置能力", None),
            (Satisfied, "群众满意度", "≥ 90 %", None),
        ],
    ),
    (
        "2020年中央财政农业资源及生态保护补助资金（长江禁捕）",
        &[
            (Quantity, "渔政巡护员", "≥ 5 人", Some("5 人")),
            (Quality, "资金使用", "根据实际需求支付使用", None),
            (Timeliness, "完成时间", "≤ 2022-12-31", None),
            (Cost, "补助资金", "≤ 20.9425 万元", None),
            (Social, "禁捕巡护监管能力", "完成本区域长江流域禁捕巡护任务", None),
            (Satisfied, "群众满意度", "≥ 90 %", None),
        ],
    ),
    (
        "2020年中央自然灾害防治体系建设补助资金",
        &[
            (Quantity, "天通一号卫星电话", "= 17 台", Some("17 台")),
            (Quantity, "配置乡镇（街道）", "= 13 个", Some("13 个")),
            (Quality, "验收", "根据采购要求验收合格", None),
            (Timeliness, "完成时间", "≤ 2021-02-28", Some("2021-02-28")),
            (Cost, "补助资金", "≤ 24 万元", Some("23.97 万元")),
            (Social, "基层备灾和快速救援能力", "提升基层备灾和快速救援能力", None),
            (Satisfied, "群众满意度", "≥ 90 %", None),
        ],
    ),
    (
        "老街社区安全生产基础条件提升和安全隐患排查整改",
        &[
            (Quantity, "包保入户楼栋", "≥ 144 栋", Some("144 栋")),
            (Quantity, "社区微型消防站", "= 1 个", Some("1 个")),
            (Quantity, "应急避难场所", "≥ 3 处", Some("3 处")),
            (Quality, "隐患风险清单", "≥ 16 种", Some("16 种")),
            (Timeliness, "完成时间", "≤ 2021-12-31", Some("2021-12-31")),
            (Cost, "专项经费", "≤ 10 万元", Some("10 万元")),
            (Social, "社区安全事故", "= 0 起", Some("0 起")),
            (Sustainability, "以点带面示范效果", "社区综合减灾能力稳步提升", None),
            (Satisfied, "受益群众满意度", "≥ 90 %", None),
        ],
    ),
];

fn indicators() -> Vec<NewIndicator> {
    INDICATORS
        .iter()
        .flat_map(|(project, specs)| weighted(project, specs))
        .collect()
}

/// Gives a project's indicators their weights: outputs 50, effects 30,
/// satisfaction 10 (execution rate takes the other 10), shared equally within
/// a tier. A tier without indicators passes its points on, as the national
/// rule does: satisfaction to effects, effects to outputs.
fn weighted(project: &str, specs: &[IndicatorSpec]) -> Vec<NewIndicator> {
    let count = |tier| specs.iter().filter(|s| s.0.tier() == tier).count();
    let (outputs, effects, satisfaction) = (
        count(Tier::Output),
        count(Tier::Effect),
        count(Tier::Satisfaction),
    );
    let (mut output_pts, mut effect_pts, mut satisfaction_pts) = (50, 30, 10);
    if satisfaction == 0 {
        effect_pts += satisfaction_pts;
        satisfaction_pts = 0;
    }
    if effects == 0 {
        output_pts += effect_pts;
        effect_pts = 0;
    }
    let shares = |tier: Tier, points: i64, n: usize| {
        (n > 0).then(|| (tier, split_points(Decimal::from(points), n)))
    };
    let mut tiers: Vec<_> = [
        shares(Tier::Output, output_pts, outputs),
        shares(Tier::Effect, effect_pts, effects),
        shares(Tier::Satisfaction, satisfaction_pts, satisfaction),
    ]
    .into_iter()
    .flatten()
    .collect();
    specs
        .iter()
        .map(|(category, name, target, actual)| {
            let (_, weights) = tiers
                .iter_mut()
                .find(|(tier, _)| *tier == category.tier())
                .expect("every tier with indicators has weights");
            NewIndicator {
                project: project.to_string(),
                category: *category,
                name: (*name).to_string(),
                target: (*target).to_string(),
                weight: weights.remove(0),
                actual: actual.map(str::to_string),
            }
        })
        .collect()
}

/// `points` shared over `n` indicators at two decimals; the first takes what
/// rounding leaves over, so the shares add up to `points` exactly.
fn split_points(points: Decimal, n: usize) -> Vec<Decimal> {
    let share = (points / Decimal::from(n)).round_dp(2);
    let first = points - share * Decimal::from(n - 1);
    std::iter::once(first)
        .chain(std::iter::repeat_n(share, n - 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashSet};

    use super::*;
    use crate::domain::entries::ScheduleItem;
    use crate::domain::indicator::compare;
    use crate::domain::input::{
        check_adjustment, check_disbursement, check_indicator, check_line, check_schedule_item,
    };
    use crate::domain::schedule::instalment_statuses;
    use crate::domain::{Measure, Vocabulary};

    fn wan(text: &str) -> Money {
        text.parse().unwrap()
    }

    /// (line, budget, spent) at year end, computed from the entries.
    fn figures(demo: &DemoYear) -> Vec<(&BudgetLine, Money, Money)> {
        demo.lines
            .iter()
            .map(|line| {
                let adjusted: Money = demo
                    .adjustments
                    .iter()
                    .filter(|a| a.line == line.code)
                    .map(|a| a.amount)
                    .sum();
                let spent: Money = demo
                    .disbursements
                    .iter()
                    .filter(|d| d.line == line.code)
                    .map(|d| d.amount)
                    .sum();
                (line, line.allocated + adjusted, spent)
            })
            .collect()
    }

    /// Σ budget and Σ spent over the lines that `keep` selects.
    fn totals(demo: &DemoYear, keep: impl Fn(&BudgetLine) -> bool) -> (Money, Money) {
        figures(demo)
            .into_iter()
            .filter(|(line, _, _)| keep(line))
            .fold((Money::ZERO, Money::ZERO), |(b, s), (_, budget, spent)| {
                (b + budget, s + spent)
            })
    }

    #[test]
    fn group_totals_are_the_reports_reconciled_figures() {
        let demo = demo_year();
        let of = |kind: Kind, source: Source| {
            totals(&demo, move |l| l.kind == kind && l.source == source)
        };
        assert_eq!(
            of(Kind::Basic, Source::Initial),
            (wan("373.29万"), wan("373.29万"))
        );
        assert_eq!(
            of(Kind::Basic, Source::Supplementary),
            (wan("34.33万"), wan("34.33万"))
        );
        assert_eq!(
            totals(&demo, |l| l.kind == Kind::Basic),
            (wan("407.62万"), wan("407.62万"))
        );
        assert_eq!(
            of(Kind::Project, Source::Initial),
            (wan("171.40万"), wan("41.40万"))
        );
        assert_eq!(
            of(Kind::Project, Source::Supplementary),
            (wan("841.45万"), wan("348.87万"))
        );
        assert_eq!(
            of(Kind::Project, Source::Carryover),
            (wan("34.00万"), wan("33.97万"))
        );
        assert_eq!(
            totals(&demo, |l| l.kind == Kind::Project
                && l.source != Source::Initial),
            (wan("875.45万"), wan("382.84万"))
        );
        assert_eq!(
            totals(&demo, |l| l.kind == Kind::Project),
            (wan("1046.85万"), wan("424.24万"))
        );
        assert_eq!(
            totals(&demo, |l| l.source == Source::Supplementary).0,
            wan("875.78万")
        );
        assert_eq!(
            of(Kind::Basic, Source::Carryover),
            (Money::ZERO, Money::ZERO)
        );
    }

    #[test]
    fn basic_initial_budget_splits_by_economic_class_as_reported() {
        let demo = demo_year();
        for (class, figure) in [
            (EconClass::Wages, "309.20万"),
            (EconClass::Goods, "52.27万"),
            (EconClass::Subsidies, "11.82万"),
            (EconClass::Capital, "0"),
        ] {
            let got = totals(&demo, |l| {
                l.source == Source::Initial && l.econ_class == Some(class)
            });
            assert_eq!(got, (wan(figure), wan(figure)), "{}", class.zh());
        }
    }

    #[test]
    fn the_projects_the_report_names_have_its_figures() {
        let demo = demo_year();
        let by_project: BTreeMap<_, _> = figures(&demo)
            .into_iter()
            .filter_map(|(l, budget, spent)| Some((l.project.clone()?, (budget, spent))))
            .collect();
        for (project, budget, spent) in [
            ("应急管理及安全生产专项工作", "30万", "30万"),
            ("购买安全生产和应急管理服务", "130万", "0"),
            ("办公用房租赁费", "11.4万", "11.4万"),
            ("八一走访慰问金", "7万", "7万"),
            ("综合应急救援队建队专项资金", "558.08万", "278.47万"),
            ("应急管理办公经费", "8.582万", "8.582万"),
            ("2021年上半年固定资产投资入库奖补工作经费", "0.5万", "0.5万"),
            ("应急管理信息化及指挥场所建设项目", "120万", "0"),
            ("用友A++财务软件账套运行维护服务费", "0.0715万", "0.0715万"),
            (
                "四川省应急救援能力提升行动计划（2019至2021年）项目补助资金",
                "53.774万",
                "0",
            ),
            (
                "2020年省级安全生产专项资金（关闭煤矿水患普查）",
                "20万",
                "0",
            ),
            ("2020年中央自然灾害救灾资金", "32.5万", "32.5万"),
            ("2020年中央自然灾害救灾资金（培训演练）", "20万", "1.74万"),
            (
                "2020年中央财政农业资源及生态保护补助资金（长江禁捕）",
                "20.9425万",
                "20.0065万",
            ),
            ("2020年中央自然灾害防治体系建设补助资金", "24万", "23.97万"),
            (
                "老街社区安全生产基础条件提升和安全隐患排查整改",
                "10万",
                "10万",
            ),
        ] {
            assert_eq!(by_project[project], (wan(budget), wan(spent)), "{project}");
        }
    }

    #[test]
    fn every_entry_passes_the_domain_checks() {
        let demo = demo_year();
        for line in &demo.lines {
            check_line(line, demo.year).unwrap_or_else(|e| panic!("{}: {e}", line.code));
        }
        for a in &demo.adjustments {
            check_adjustment(a, demo.year).unwrap();
        }
        for d in &demo.disbursements {
            check_disbursement(d, demo.year)
                .unwrap_or_else(|e| panic!("{} {}: {e}", d.line, d.voucher));
        }
        for s in &demo.schedule {
            check_schedule_item(s, demo.year).unwrap();
        }
        for i in &demo.indicators {
            check_indicator(i).unwrap_or_else(|e| panic!("{} {}: {e}", i.project, i.name));
        }
    }

    #[test]
    fn every_reference_names_an_existing_line_or_project() {
        let demo = demo_year();
        let codes: HashSet<_> = demo.lines.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes.len(), demo.lines.len(), "line codes are unique");
        let projects: HashSet<_> = demo
            .lines
            .iter()
            .filter_map(|l| l.project.as_deref())
            .collect();
        let referenced = demo
            .adjustments
            .iter()
            .map(|a| &a.line)
            .chain(demo.disbursements.iter().map(|d| &d.line))
            .chain(demo.schedule.iter().map(|s| &s.line));
        for line in referenced {
            assert!(codes.contains(line.as_str()), "unknown line {line}");
        }
        let with_indicators: HashSet<_> =
            demo.indicators.iter().map(|i| i.project.as_str()).collect();
        assert_eq!(
            with_indicators, projects,
            "every project, and only projects, has indicators"
        );
    }

    #[test]
    fn vouchers_are_unique_and_payments_in_date_order_within_the_year() {
        let demo = demo_year();
        let mut per_line = HashSet::new();
        let mut overall = HashSet::new();
        for d in &demo.disbursements {
            assert!(
                per_line.insert((&d.line, &d.voucher)),
                "{} twice on {}",
                d.voucher,
                d.line
            );
            assert!(
                overall.insert(&d.voucher),
                "{} twice in the year",
                d.voucher
            );
        }
        for pair in demo.disbursements.windows(2) {
            assert!(
                pair[0].date <= pair[1].date,
                "{} after {}",
                pair[0].voucher,
                pair[1].voucher
            );
        }
        let lines: BTreeMap<_, _> = demo.lines.iter().map(|l| (l.code.as_str(), l)).collect();
        for d in &demo.disbursements {
            let line = lines[d.line.as_str()];
            assert!(
                d.date >= line.allocated_on,
                "{} paid {} before {} was allocated on {}",
                d.voucher,
                d.date,
                line.code,
                line.allocated_on
            );
        }
    }

    #[test]
    fn no_line_is_ever_overspent() {
        let demo = demo_year();
        let budget_on = |line: &BudgetLine, on: NaiveDate| {
            line.allocated
                + demo
                    .adjustments
                    .iter()
                    .filter(|a| a.line == line.code && a.date <= on)
                    .map(|a| a.amount)
                    .sum::<Money>()
        };
        let lines: BTreeMap<_, _> = demo.lines.iter().map(|l| (l.code.as_str(), l)).collect();
        let mut spent: BTreeMap<&str, Money> = BTreeMap::new();
        for d in &demo.disbursements {
            let so_far = spent.entry(d.line.as_str()).or_default();
            *so_far += d.amount;
            let budget = budget_on(lines[d.line.as_str()], d.date);
            assert!(
                *so_far <= budget,
                "{} takes {} past {budget}",
                d.voucher,
                d.line
            );
        }
        for (line, budget, spent) in figures(&demo) {
            assert!(spent <= budget, "{} spent {spent} of {budget}", line.code);
            assert!(!budget.is_negative(), "{}", line.code);
        }
    }

    #[test]
    fn wages_go_out_once_a_month() {
        let demo = demo_year();
        let months: Vec<u32> = demo
            .disbursements
            .iter()
            .filter(|d| d.line == "B01")
            .map(|d| chrono::Datelike::month(&d.date))
            .collect();
        assert_eq!(months, (1..=12).collect::<Vec<_>>());
    }

    #[test]
    fn monthly_parts_are_exact_and_even() {
        for total in ["309.20万", "34.33万", "0.01", "0", "11"] {
            let parts = monthly(wan(total));
            assert_eq!(parts.iter().copied().sum::<Money>(), wan(total), "{total}");
            let (min, max) = (parts.iter().min().unwrap(), parts.iter().max().unwrap());
            assert!(max.fen() - min.fen() <= 1, "{total}");
        }
        assert_eq!(monthly(wan("309.20万"))[0], wan("257666.67"));
        assert_eq!(monthly(wan("309.20万"))[11], wan("257666.66"));
    }

    #[test]
    fn indicator_weights_are_ninety_per_project() {
        let demo = demo_year();
        let mut per_project: BTreeMap<&str, Decimal> = BTreeMap::new();
        for i in &demo.indicators {
            *per_project.entry(&i.project).or_default() += i.weight;
            assert!(i.weight > Decimal::ZERO, "{} {}", i.project, i.name);
        }
        for (project, sum) in per_project {
            assert_eq!(sum, Decimal::from(90), "{project}");
        }
        // Outputs 50, effects 30, satisfaction 10 when a project has all three.
        let tier_sum = |project: &str, tier: Tier| -> Decimal {
            demo.indicators
                .iter()
                .filter(|i| i.project == project && i.category.tier() == tier)
                .map(|i| i.weight)
                .sum()
        };
        let p = "综合应急救援队建队专项资金";
        assert_eq!(tier_sum(p, Tier::Output), Decimal::from(50));
        assert_eq!(tier_sum(p, Tier::Effect), Decimal::from(30));
        assert_eq!(tier_sum(p, Tier::Satisfaction), Decimal::from(10));
    }

    #[test]
    fn split_points_adds_up() {
        for n in 1..=9 {
            let parts = split_points(Decimal::from(50), n);
            assert_eq!(parts.len(), n);
            assert_eq!(parts.iter().sum::<Decimal>(), Decimal::from(50), "{n}");
        }
    }

    #[test]
    fn indicator_targets_parse_as_intended() {
        let demo = demo_year();
        for i in &demo.indicators {
            let target = i.target_measure();
            let quantitative = ["≥", "≤", "="].iter().any(|c| i.target.starts_with(c));
            if quantitative {
                assert!(
                    target.comparator.is_some() && target.value.is_some(),
                    "{} {}: '{}' should parse to a value",
                    i.project,
                    i.name,
                    i.target
                );
                if let Some(actual) = &i.actual {
                    assert!(
                        compare(&target, &Measure::parse(actual)).is_some(),
                        "{} {}: '{actual}' does not compare with '{}'",
                        i.project,
                        i.name,
                        i.target
                    );
                }
            } else {
                assert_eq!(target.value, None, "{}: '{}' is prose", i.name, i.target);
            }
        }
        // Spot checks of the forms the report uses.
        let find = |name: &str| demo.indicators.iter().find(|i| i.name == name).unwrap();
        let team = find("综合应急救援队人数");
        assert_eq!(
            compare(
                &team.target_measure(),
                &Measure::parse(team.actual.as_deref().unwrap())
            ),
            Some(true)
        );
        let drill = find("应急演练");
        assert_eq!(
            compare(
                &drill.target_measure(),
                &Measure::parse(drill.actual.as_deref().unwrap())
            ),
            Some(false)
        );
    }

    #[test]
    fn the_service_contract_is_scheduled_and_unpaid() {
        let demo = demo_year();
        let contract = "RHCG-2021-017";
        let scheduled: Money = demo
            .schedule
            .iter()
            .filter(|s| s.contract == contract)
            .inspect(|s| assert_eq!(s.line, "P02"))
            .map(|s| s.amount)
            .sum();
        assert_eq!(scheduled, wan("129.5万"));
        assert!(
            demo.disbursements
                .iter()
                .all(|d| d.contract.as_deref() != Some(contract) && d.line != "P02")
        );
    }

    #[test]
    fn contract_payments_match_a_scheduled_contract_on_their_line() {
        let demo = demo_year();
        let scheduled: HashSet<_> = demo
            .schedule
            .iter()
            .map(|s| (s.line.as_str(), s.contract.as_str()))
            .collect();
        let mut paid: BTreeMap<(&str, &str), Money> = BTreeMap::new();
        for d in &demo.disbursements {
            if let Some(contract) = &d.contract {
                let key = (d.line.as_str(), contract.as_str());
                assert!(
                    scheduled.contains(&key),
                    "{} pays unscheduled {key:?}",
                    d.voucher
                );
                *paid.entry(key).or_default() += d.amount;
            }
        }
        // Never more paid on a contract than it schedules.
        for (key, paid) in paid {
            let due: Money = demo
                .schedule
                .iter()
                .filter(|s| (s.line.as_str(), s.contract.as_str()) == key)
                .map(|s| s.amount)
                .sum();
            assert!(paid <= due, "{key:?}: paid {paid} of {due}");
        }
    }

    #[test]
    fn overdue_at_year_end_are_the_service_contract_and_the_flood_survey() {
        let demo = demo_year();
        let as_of = demo.year.last_day();
        let mut groups: BTreeMap<(&str, &str), Vec<ScheduleItem>> = BTreeMap::new();
        for (id, s) in (1..).zip(&demo.schedule) {
            groups
                .entry((s.line.as_str(), s.contract.as_str()))
                .or_default()
                .push(ScheduleItem {
                    id,
                    line: s.line.clone(),
                    contract: s.contract.clone(),
                    payee: s.payee.clone(),
                    due: s.due,
                    amount: s.amount,
                    memo: s.memo.clone(),
                    entered_by: "demo".into(),
                    entered_at: chrono::DateTime::UNIX_EPOCH,
                });
        }
        let mut overdue = BTreeMap::new();
        for ((line, contract), items) in groups {
            let paid: Money = demo
                .disbursements
                .iter()
                .filter(|d| d.line == line && d.contract.as_deref() == Some(contract))
                .map(|d| d.amount)
                .sum();
            for status in instalment_statuses(items, paid, as_of) {
                if status.is_overdue() {
                    *overdue.entry(line).or_insert(Money::ZERO) += status.outstanding;
                }
            }
        }
        assert_eq!(
            overdue,
            BTreeMap::from([("P02", wan("129.5万")), ("P11", wan("20万"))])
        );
    }
}
