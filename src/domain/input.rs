//! What a user asks the ledger to record, before it has an id, and the rules
//! such a request must satisfy on its own (rules that need stored data — an
//! unknown line, a duplicate voucher — are checked by the ledger).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::calendar::FiscalYear;
use super::entries::PaymentRefs;
use super::indicator::{Category, Measure};
use super::line::{BudgetLine, Kind};
use super::money::Money;
use super::refusal::Refusal;
use super::settings::check_prose;
use super::spend_tag::SpendTag;
use super::text;

/// Longest text accepted in any field: longer input is a paste gone wrong.
pub const MAX_TEXT: usize = 500;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAdjustment {
    pub line: String,
    pub date: NaiveDate,
    pub amount: Money,
    pub doc_no: String,
    pub reason: String,
    #[serde(default)]
    pub batch_no: Option<String>,
    #[serde(default)]
    pub from_line: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewDisbursement {
    pub line: String,
    pub date: NaiveDate,
    pub amount: Money,
    pub payee: String,
    pub voucher: String,
    #[serde(default)]
    pub memo: String,
    #[serde(default)]
    pub contract: Option<String>,
    #[serde(default)]
    pub refs: PaymentRefs,
    /// 三公经费 / 政府采购 tags of this payment.
    #[serde(default)]
    pub tags: BTreeSet<SpendTag>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reversal {
    pub id: u64,
    pub reason: String,
    /// Defaults to the day it is entered, kept inside the fiscal year.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// Defaults to the reversed entry's voucher with `-R` appended.
    #[serde(default)]
    pub voucher: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewScheduleItem {
    pub line: String,
    pub contract: String,
    pub payee: String,
    pub due: NaiveDate,
    pub amount: Money,
    #[serde(default)]
    pub memo: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewIndicator {
    pub project: String,
    pub category: Category,
    pub name: String,
    pub target: String,
    pub weight: Decimal,
    #[serde(default)]
    pub actual: Option<String>,
}

/// A change to an indicator at year end; `None` leaves a field as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorUpdate {
    pub id: u64,
    #[serde(default)]
    pub actual: Option<String>,
    #[serde(default)]
    pub deviation_reason: Option<String>,
    /// 改进措施; blank clears.
    #[serde(default)]
    pub measures: Option<String>,
    #[serde(default)]
    pub marked_met: Option<bool>,
    #[serde(default)]
    pub weight: Option<Decimal>,
    #[serde(default)]
    pub target: Option<String>,
    /// Points the user gives a missed or qualitative indicator.
    #[serde(default)]
    pub score: Option<Decimal>,
    /// The grade recorded with the score; the score must lie in its band.
    #[serde(default)]
    pub grade: Option<crate::domain::rules::Band>,
}

impl NewIndicator {
    pub fn target_measure(&self) -> Measure {
        Measure::parse(&self.target)
    }
}

/// A request in the one form the ledger stores and compares: codes (line
/// codes, vouchers, contract and account numbers) through [`text::code`],
/// free text through [`text::plain`], a blank optional code or text as none.
/// The ledger applies it where each command enters, whatever the front end.
pub trait Normalise {
    fn normalised(self) -> Self;
}

impl<T: Normalise> Normalise for Vec<T> {
    fn normalised(self) -> Self {
        self.into_iter().map(Normalise::normalised).collect()
    }
}

fn some_code(value: Option<String>) -> Option<String> {
    value.map(|v| text::code(&v)).filter(|v| !v.is_empty())
}

fn some_plain(value: Option<String>) -> Option<String> {
    value.map(|v| text::plain(&v)).filter(|v| !v.is_empty())
}

impl Normalise for BudgetLine {
    fn normalised(self) -> Self {
        BudgetLine {
            code: text::code(&self.code),
            name: text::plain(&self.name),
            project: some_plain(self.project),
            doc_no: text::plain(&self.doc_no),
            refs: super::line::LineRefs {
                superior_doc_no: some_plain(self.refs.superior_doc_no),
                functional_code: some_code(self.refs.functional_code),
                economic_code: some_code(self.refs.economic_code),
                fund_type: some_plain(self.refs.fund_type),
                project_code: some_code(self.refs.project_code),
                origin_year: self.refs.origin_year,
            },
            ..self
        }
    }
}

impl Normalise for NewAdjustment {
    fn normalised(self) -> Self {
        NewAdjustment {
            line: text::code(&self.line),
            doc_no: text::plain(&self.doc_no),
            reason: text::plain(&self.reason),
            batch_no: some_code(self.batch_no),
            from_line: some_code(self.from_line),
            ..self
        }
    }
}

impl Normalise for NewDisbursement {
    fn normalised(self) -> Self {
        NewDisbursement {
            line: text::code(&self.line),
            payee: text::plain(&self.payee),
            voucher: text::code(&self.voucher),
            memo: text::plain(&self.memo),
            contract: some_code(self.contract),
            refs: PaymentRefs {
                request_no: some_code(self.refs.request_no),
                payee_account: some_code(self.refs.payee_account),
                purpose: some_plain(self.refs.purpose),
            },
            ..self
        }
    }
}

impl Normalise for Reversal {
    fn normalised(self) -> Self {
        Reversal {
            reason: text::plain(&self.reason),
            voucher: some_code(self.voucher),
            ..self
        }
    }
}

impl Normalise for NewScheduleItem {
    fn normalised(self) -> Self {
        NewScheduleItem {
            line: text::code(&self.line),
            contract: text::code(&self.contract),
            payee: text::plain(&self.payee),
            memo: text::plain(&self.memo),
            ..self
        }
    }
}

impl Normalise for NewIndicator {
    fn normalised(self) -> Self {
        NewIndicator {
            project: text::plain(&self.project),
            name: text::plain(&self.name),
            target: text::plain(&self.target),
            actual: some_plain(self.actual),
            ..self
        }
    }
}

impl Normalise for IndicatorUpdate {
    // A blank actual or reason clears it, so blank stays `Some("")` here.
    fn normalised(self) -> Self {
        IndicatorUpdate {
            actual: self.actual.map(|a| text::plain(&a)),
            deviation_reason: self.deviation_reason.map(|r| text::plain(&r)),
            measures: self.measures.map(|m| text::plain(&m)),
            target: self.target.map(|t| text::plain(&t)),
            ..self
        }
    }
}

/// An import's origin (its file name) as the event log keeps it: control and
/// invisible characters dropped, at most [`MAX_TEXT`] characters (`…` marks a cut).
pub fn origin(name: &str) -> String {
    let kept: String = name
        .chars()
        .filter(|&c| !c.is_control() && !text::is_invisible(c))
        .collect();
    let kept = kept.trim();
    match kept.char_indices().nth(MAX_TEXT - 1) {
        Some((cut, _)) if kept.chars().count() > MAX_TEXT => format!("{}…", &kept[..cut]),
        _ => kept.to_string(),
    }
}

/// A plain decimal number as points, weights and tolerances are written:
/// an optional sign, digits, an optional fraction (full-width digits read as
/// digits). No exponent (`1e1`), no grouping, no spaces inside.
pub fn parse_plain_decimal(input: &str) -> Option<Decimal> {
    let text = text::for_parsing(input);
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(&text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || fraction.is_some_and(|f| !digits(f)) || whole.len() > 20 {
        return None;
    }
    text.parse().ok()
}

fn required(field: &'static str, value: &str) -> Result<(), Refusal> {
    if value.trim().is_empty() {
        return Err(Refusal::field_in(field, "must not be empty", "必填"));
    }
    bounded(field, value)
}

fn optional(field: &'static str, value: &Option<String>) -> Result<(), Refusal> {
    value.as_deref().map_or(Ok(()), |v| bounded(field, v))
}

/// The rule for every free-text field, whatever the path: at most
/// [`MAX_TEXT`] characters and no control character but a tab.
pub fn bounded(field: &'static str, value: &str) -> Result<(), Refusal> {
    if value.chars().count() > MAX_TEXT {
        return Err(Refusal::field_in(
            field,
            format!("is longer than {MAX_TEXT} characters"),
            format!("超过 {MAX_TEXT} 个字符"),
        ));
    }
    if value.chars().any(|c| c.is_control() && c != '\t') {
        return Err(Refusal::field_in(
            field,
            "contains a control character",
            "含有控制字符",
        ));
    }
    Ok(())
}

/// Refuses a date outside the fiscal year, naming the field.
pub fn in_year(field: &'static str, date: NaiveDate, year: FiscalYear) -> Result<(), Refusal> {
    if year.contains(date) {
        Ok(())
    } else {
        Err(Refusal::field_in(
            field,
            format!("{date} is outside fiscal year {year}"),
            format!("{date} 不在 {year} 预算年度内"),
        ))
    }
}

/// A code is typed at the keyboard and used as a key: keep it short and plain.
pub fn check_code(field: &'static str, code: &str) -> Result<(), Refusal> {
    required(field, code)?;
    if code.chars().count() > 40 || code.chars().any(char::is_whitespace) {
        return Err(Refusal::field_in(
            field,
            format!("'{code}' must be at most 40 characters with no spaces"),
            format!("“{code}”须不超过 40 个字符且不含空格"),
        ));
    }
    Ok(())
}

/// An origin year belongs to carry-over money, and to an earlier year.
fn check_origin_year(line: &BudgetLine, year: FiscalYear) -> Result<(), Refusal> {
    let Some(origin) = line.refs.origin_year else {
        return Ok(());
    };
    if line.source != super::line::Source::Carryover {
        return Err(Refusal::field_in(
            "origin_year",
            "only a carry-over line (source carryover) has an origin year",
            "只有上年结转指标才有资金年度",
        ));
    }
    let first = *FiscalYear::RANGE.start();
    if origin < first || origin >= year.year() {
        return Err(Refusal::field_in(
            "origin_year",
            format!("{origin} is not a year before {year} (from {first})"),
            format!("{origin} 不是 {year} 之前的年度（{first} 年起）"),
        ));
    }
    Ok(())
}

pub fn check_line(line: &BudgetLine, year: FiscalYear) -> Result<(), Refusal> {
    check_code("code", &line.code)?;
    required("name", &line.name)?;
    bounded("doc_no", &line.doc_no)?;
    optional("project", &line.project)?;
    optional("superior_doc_no", &line.refs.superior_doc_no)?;
    optional("functional_code", &line.refs.functional_code)?;
    optional("economic_code", &line.refs.economic_code)?;
    optional("fund_type", &line.refs.fund_type)?;
    optional("project_code", &line.refs.project_code)?;
    in_year("allocated_on", line.allocated_on, year)?;
    check_origin_year(line, year)?;
    line.allocated.check_bound("amount")?;
    if line.allocated.is_negative() {
        return Err(Refusal::field_in(
            "amount",
            "a line's allocated amount cannot be negative (reduce it with an adjustment)",
            "指标下达金额不能为负（调减请用预算调整）",
        ));
    }
    match line.kind {
        Kind::Basic if line.econ_class.is_none() => Err(Refusal::field_in(
            "econ_class",
            "a basic line needs an economic class (wages, goods, subsidies or capital)",
            "基本支出指标须有经济分类（工资福利、商品和服务、对个人和家庭补助或资本性）",
        )),
        Kind::Project if line.econ_class.is_some() => Err(Refusal::field_in(
            "econ_class",
            "a project line has no economic class (only basic lines are wages, goods, subsidies or capital)",
            "项目支出指标没有经济分类（只有基本支出才分工资福利、商品和服务等）",
        )),
        Kind::Basic if line.project.is_some() => Err(Refusal::field_in(
            "project",
            "a basic line does not belong to a project",
            "基本支出指标不属于项目",
        )),
        Kind::Project if line.project.as_deref().is_none_or(|p| p.trim().is_empty()) => {
            Err(Refusal::field_in(
                "project",
                "a project line needs the project's name",
                "项目支出指标须有项目名称",
            ))
        }
        _ => Ok(()),
    }
}

pub fn check_adjustment(adj: &NewAdjustment, year: FiscalYear) -> Result<(), Refusal> {
    required("line", &adj.line)?;
    in_year("date", adj.date, year)?;
    adj.amount.check_bound("amount")?;
    if adj.amount.is_zero() {
        return Err(Refusal::field_in(
            "amount",
            "an adjustment of zero changes nothing",
            "调整金额为零，没有变化",
        ));
    }
    bounded("doc_no", &adj.doc_no)?;
    required("reason", &adj.reason)?;
    optional("batch_no", &adj.batch_no)?;
    optional("from_line", &adj.from_line)?;
    if adj.from_line.as_deref() == Some(adj.line.as_str()) {
        return Err(Refusal::field_in(
            "from_line",
            "money cannot move from a line to itself",
            "不能在同一指标内调剂",
        ));
    }
    Ok(())
}

pub fn check_disbursement(d: &NewDisbursement, year: FiscalYear) -> Result<(), Refusal> {
    required("line", &d.line)?;
    in_year("date", d.date, year)?;
    d.amount.check_bound("amount")?;
    if !d.amount.is_positive() {
        return Err(Refusal::field_in(
            "amount",
            format!(
                "a disbursement must be more than zero (got {}); to correct one, reverse it",
                d.amount
            ),
            format!(
                "支付金额须大于零（填的是 {}）；更正已有支付请用冲销",
                d.amount
            ),
        ));
    }
    required("payee", &d.payee)?;
    check_code("voucher", &d.voucher)?;
    bounded("memo", &d.memo)?;
    if let Some(contract) = &d.contract {
        check_code("contract", contract)?;
    }
    optional("request_no", &d.refs.request_no)?;
    optional("payee_account", &d.refs.payee_account)?;
    optional("purpose", &d.refs.purpose)
}

pub fn check_reversal(r: &Reversal, year: FiscalYear) -> Result<(), Refusal> {
    required("reason", &r.reason)?;
    if let Some(date) = r.date {
        in_year("date", date, year)?;
    }
    if let Some(voucher) = &r.voucher {
        check_code("voucher", voucher)?;
    }
    Ok(())
}

pub fn check_schedule_item(s: &NewScheduleItem, year: FiscalYear) -> Result<(), Refusal> {
    required("line", &s.line)?;
    check_code("contract", &s.contract)?;
    required("payee", &s.payee)?;
    // An instalment may fall due after the year (跨年): only its sanity is checked.
    if !(year.year() - 1..=year.year() + 10).contains(&chrono::Datelike::year(&s.due)) {
        return Err(Refusal::field_in(
            "due",
            format!("{} is implausibly far from fiscal year {year}", s.due),
            format!("{} 离 {year} 预算年度太远", s.due),
        ));
    }
    s.amount.check_bound("amount")?;
    if !s.amount.is_positive() {
        return Err(Refusal::field_in(
            "amount",
            "an instalment must be more than zero",
            "计划支付金额须大于零",
        ));
    }
    bounded("memo", &s.memo)
}

pub fn check_weight(weight: Decimal) -> Result<(), Refusal> {
    if weight < Decimal::ZERO || weight > Decimal::ONE_HUNDRED {
        return Err(Refusal::field_in(
            "weight",
            format!("{weight} must be between 0 and 100 points"),
            format!("{weight} 须在 0 到 100 分之间"),
        ));
    }
    Ok(())
}

pub fn check_indicator(i: &NewIndicator) -> Result<(), Refusal> {
    required("project", &i.project)?;
    required("name", &i.name)?;
    required("target", &i.target)?;
    check_weight(i.weight)?;
    optional("actual", &i.actual)
}

/// The rules an indicator's change satisfies on its own; the score's range
/// depends on the stored weight and is checked by the ledger.
pub fn check_indicator_update(u: &IndicatorUpdate) -> Result<(), Refusal> {
    optional("actual", &u.actual)?;
    // The reason and the measures are prose: several lines, longer.
    check_prose("deviation_reason", u.deviation_reason.clone())?;
    check_prose("measures", u.measures.clone())?;
    optional("target", &u.target)?;
    if let Some(weight) = u.weight {
        check_weight(weight)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::line::{EconClass, Level, Source};

    fn year() -> FiscalYear {
        FiscalYear::new(2021).unwrap()
    }

    fn pay(amount: &str, date: &str) -> NewDisbursement {
        NewDisbursement {
            line: "B01".into(),
            date: date.parse().unwrap(),
            amount: amount.parse().unwrap(),
            payee: "someone".into(),
            voucher: "V1".into(),
            memo: String::new(),
            contract: None,
            refs: PaymentRefs::default(),
            tags: Default::default(),
        }
    }

    #[test]
    fn refusals_name_the_field() {
        let e = check_disbursement(&pay("-5", "2021-03-01"), year()).unwrap_err();
        assert_eq!(e.field_name(), "amount");
        let e = check_disbursement(&pay("5", "2022-01-01"), year()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "date: 2022-01-01 is outside fiscal year 2021"
        );
        let mut d = pay("5", "2021-03-01");
        d.voucher = "V 1".into();
        assert_eq!(
            check_disbursement(&d, year()).unwrap_err().field_name(),
            "voucher"
        );
        d.voucher = "V1".into();
        d.payee = "  ".into();
        assert_eq!(
            check_disbursement(&d, year()).unwrap_err().to_string(),
            "payee: must not be empty"
        );
        assert!(check_disbursement(&pay("5", "2021-03-01"), year()).is_ok());
    }

    #[test]
    fn look_alike_vouchers_normalise_to_one() {
        for typed in [
            "Ｖ0001",
            "V0001\u{200b}",
            "\u{feff}V0001",
            "V\u{00ad}0001",
            " V0001 ",
        ] {
            let mut d = pay("5", "2021-03-01");
            d.voucher = typed.into();
            d.contract = Some("\u{2060}".into());
            d.payee = "\u{feff}某某劳务公司 ".into();
            let d = d.normalised();
            assert_eq!(d.voucher, "V0001", "{typed:?}");
            assert_eq!(d.contract, None);
            assert_eq!(d.payee, "某某劳务公司");
        }
    }

    #[test]
    fn every_free_text_field_is_bounded() {
        let long = "长".repeat(MAX_TEXT + 1);
        let mut d = pay("5", "2021-03-01");
        d.refs.purpose = Some(long.clone());
        assert_eq!(
            check_disbursement(&d, year()).unwrap_err().field_name(),
            "purpose"
        );
        let mut d = pay("5", "2021-03-01");
        d.refs.payee_account = Some("62\u{1b}[2J".into());
        assert_eq!(
            check_disbursement(&d, year()).unwrap_err().to_string(),
            "payee_account: contains a control character"
        );
        // The deviation reason is prose: several lines and longer, but bounded.
        let update = IndicatorUpdate {
            deviation_reason: Some(format!("{long}\n第二行")),
            ..IndicatorUpdate::default()
        };
        assert!(check_indicator_update(&update).is_ok());
        let update = IndicatorUpdate {
            deviation_reason: Some("长".repeat(crate::domain::settings::MAX_PROSE + 1)),
            ..IndicatorUpdate::default()
        };
        assert_eq!(
            check_indicator_update(&update).unwrap_err().field_name(),
            "deviation_reason"
        );
    }

    #[test]
    fn origins_are_cut_and_cleaned() {
        assert_eq!(origin("a\u{1b}[31mb.csv\r"), "a[31mb.csv");
        let cut = origin(&"x".repeat(10_000));
        assert_eq!(cut.chars().count(), MAX_TEXT);
        assert!(cut.ends_with('…'));
        assert_eq!(origin(&"x".repeat(MAX_TEXT)), "x".repeat(MAX_TEXT));
    }

    #[test]
    fn plain_decimals_only() {
        for good in ["10", "12.5", "-3", "+0.25", "１０", " 7 "] {
            assert!(parse_plain_decimal(good).is_some(), "{good}");
        }
        for bad in [
            "1e1", "1E1", "1,000", "1 0", ".5", "5.", "", "-", "0x1", "1.2.3", "NaN", "5%",
        ] {
            assert_eq!(parse_plain_decimal(bad), None, "{bad}");
        }
    }

    #[test]
    fn line_kinds_need_their_class_or_project() {
        let mut line = BudgetLine {
            code: "B01".into(),
            name: "wages".into(),
            kind: Kind::Basic,
            source: Source::Initial,
            level: Level::District,
            econ_class: None,
            project: None,
            doc_no: "X".into(),
            allocated_on: "2021-01-01".parse().unwrap(),
            allocated: "100".parse().unwrap(),
            refs: Default::default(),
        };
        assert_eq!(
            check_line(&line, year()).unwrap_err().field_name(),
            "econ_class"
        );
        line.econ_class = Some(EconClass::Wages);
        assert!(check_line(&line, year()).is_ok());
        line.kind = Kind::Project;
        // a project line has no economic class, and needs its project
        assert_eq!(
            check_line(&line, year()).unwrap_err().field_name(),
            "econ_class"
        );
        line.econ_class = None;
        assert_eq!(
            check_line(&line, year()).unwrap_err().field_name(),
            "project"
        );
    }
}
