//! The funds block of a form (项目资金 / 预算执行情况) and its rows.
//!
//! National rows by source: 本年财政拨款 = fiscal money of initial and
//! supplementary lines, 上年结转资金 = fiscal money of carry-over lines, 其他资金 =
//! lines whose 资金性质 is not fiscal money. Sichuan rows by 资金性质: 财政资金,
//! 财政专户管理资金, 单位资金, 其他资金 (social investment, bank loans). A line
//! without a 资金性质 is fiscal money, which is what a budget line is unless
//! it says otherwise. Each row's 年初 counts only its initial lines.

use serde::{Deserialize, Serialize};

use super::{FormFunds, FundsRow, FundsRowKey, Layout, two_decimals};
use crate::domain::line::{BudgetLine, Source};
use crate::domain::money::Money;
use crate::domain::report::{LineRow, execution_rate};
use crate::domain::settings::ProjectSettings;

/// What a line's 资金性质 makes it on the forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FundClass {
    /// 财政资金: 一般公共预算, 政府性基金, 国有资本经营预算 …
    Fiscal,
    /// 财政专户管理资金.
    SpecialAccount,
    /// 单位资金: the unit's own income.
    Unit,
    /// 其他资金: social investment, bank loans.
    Other,
}

/// Reads a 资金性质 as 一体化 systems write it (`一般公共预算资金`,
/// `财政专户管理资金`, `单位资金`, `其他资金`); anything else is fiscal money.
pub fn fund_class(fund_type: Option<&str>) -> FundClass {
    let Some(text) = fund_type.map(str::trim).filter(|t| !t.is_empty()) else {
        return FundClass::Fiscal;
    };
    if text.contains("专户") {
        FundClass::SpecialAccount
    } else if text.contains("单位") || text.contains("自有") {
        FundClass::Unit
    } else if ["其他", "社会", "贷款"].iter().any(|w| text.contains(w)) {
        FundClass::Other
    } else {
        FundClass::Fiscal
    }
}

type Row<'a> = (&'a LineRow, Option<&'a BudgetLine>);

fn class_of(row: &Row) -> FundClass {
    fund_class(row.1.and_then(|l| l.refs.fund_type.as_deref()))
}

fn sum<'a>(key: FundsRowKey, rows: impl Iterator<Item = &'a Row<'a>>) -> FundsRow {
    let (mut initial, mut budget, mut spent) = (Money::ZERO, Money::ZERO, Money::ZERO);
    for (line, _) in rows {
        if line.source == Source::Initial {
            initial += line.allocated;
        }
        budget += line.budget;
        spent += line.spent;
    }
    FundsRow {
        row: key,
        initial,
        budget,
        spent,
        rate: execution_rate(spent, budget),
    }
}

/// The block with its rows; the execution score is the caller's to fill.
pub(super) fn funds(layout: Layout, rows: &[Row], settings: &ProjectSettings) -> FormFunds {
    let total = sum(FundsRowKey::Total, rows.iter());
    let by_class = |key, class| sum(key, rows.iter().filter(|r| class_of(r) == class));
    let parts = match layout {
        Layout::National => {
            let fiscal = |r: &&Row| class_of(r) == FundClass::Fiscal;
            vec![
                sum(
                    FundsRowKey::Current,
                    rows.iter()
                        .filter(fiscal)
                        .filter(|r| r.0.source != Source::Carryover),
                ),
                sum(
                    FundsRowKey::Carryover,
                    rows.iter()
                        .filter(fiscal)
                        .filter(|r| r.0.source == Source::Carryover),
                ),
                sum(
                    FundsRowKey::Other,
                    rows.iter().filter(|r| class_of(r) != FundClass::Fiscal),
                ),
            ]
        }
        Layout::Sichuan => vec![
            by_class(FundsRowKey::Fiscal, FundClass::Fiscal),
            by_class(FundsRowKey::SpecialAccount, FundClass::SpecialAccount),
            by_class(FundsRowKey::Unit, FundClass::Unit),
            by_class(FundsRowKey::Other, FundClass::Other),
        ],
    };
    FormFunds {
        initial: total.initial,
        budget: total.budget,
        spent: total.spent,
        rate: total.rate,
        weight: two_decimals(settings.weights.execution),
        score: None,
        reason: settings.reason.clone(),
        rows: std::iter::once(total).chain(parts).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fund_types_read_as_the_forms_group_them() {
        assert_eq!(fund_class(None), FundClass::Fiscal);
        assert_eq!(fund_class(Some("一般公共预算资金")), FundClass::Fiscal);
        assert_eq!(fund_class(Some("政府性基金预算资金")), FundClass::Fiscal);
        assert_eq!(
            fund_class(Some("财政专户管理资金")),
            FundClass::SpecialAccount
        );
        assert_eq!(fund_class(Some("单位资金")), FundClass::Unit);
        assert_eq!(fund_class(Some("其他资金")), FundClass::Other);
        assert_eq!(fund_class(Some("银行贷款")), FundClass::Other);
        assert_eq!(fund_class(Some("  ")), FundClass::Fiscal);
    }
}
