//! Small builders the domain's unit tests share.

use chrono::NaiveDate;

use rust_decimal::Decimal;

use super::entries::ScheduleItem;
use super::indicator::{Category, Indicator, Measure};
use super::line::{BudgetLine, EconClass, Kind, Level, LineRefs, Source};
use super::money::Money;
use super::report::LineFigures;

pub fn m(s: &str) -> Money {
    s.parse().unwrap()
}

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A district line of `kind` with what that kind needs: an economic class
/// for a basic line, a project for a project line.
pub fn line(
    code: &str,
    kind: Kind,
    source: Source,
    allocated_on: &str,
    amount: &str,
) -> BudgetLine {
    BudgetLine {
        code: code.into(),
        name: code.into(),
        kind,
        source,
        level: Level::District,
        econ_class: (kind == Kind::Basic).then_some(EconClass::Goods),
        project: (kind == Kind::Project).then(|| "救援队".to_string()),
        doc_no: String::new(),
        allocated_on: d(allocated_on),
        allocated: m(amount),
        refs: LineRefs::default(),
    }
}

/// A line's report figures: budget equal to its allocation, and `spent`.
pub fn figures(line: BudgetLine, spent: &str) -> LineFigures {
    LineFigures {
        allocated: line.allocated,
        budget: line.allocated,
        spent: m(spent),
        paced: true,
        line,
    }
}

/// An indicator of `project` with its target, actual and weight as typed.
pub fn indicator(
    project: &str,
    category: Category,
    target: &str,
    actual: Option<&str>,
    weight: i64,
) -> Indicator {
    Indicator {
        id: 1,
        project: project.into(),
        category,
        name: format!("{category:?}"),
        target: Measure::parse(target),
        actual: actual.map(Measure::parse),
        weight: Decimal::from(weight),
        deviation_reason: None,
        measures: None,
        marked_met: None,
        score: None,
        grade: None,
        updated_by: "t".into(),
        updated_at: chrono::DateTime::UNIX_EPOCH,
    }
}

/// Instalment `id` of contract HT-1 on `line`; `amount` as staff write it.
pub fn instalment(id: u64, line: &str, due: &str, amount: &str) -> ScheduleItem {
    ScheduleItem {
        id,
        line: line.into(),
        contract: "HT-1".into(),
        payee: "payee".into(),
        due: d(due),
        amount: super::money::parse_amount(amount).unwrap(),
        memo: String::new(),
        entered_by: "t".into(),
        entered_at: chrono::DateTime::UNIX_EPOCH,
    }
}
