//! The 部门整体 figures a department's own report states: the standard
//! department indicators the ledger can compute (预算执行率, 预算调整率,
//! 结转结余率, 公用经费控制率, 三公经费 and 政府采购 against their budget) and
//! basic expenditure by economic class split by source. There is no national
//! 部门整体 form and no official way to average project scores into a
//! department score, so none is made up here.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::calendar::percent;
use super::line::{EconClass, Kind, Source};
use super::money::Money;
use super::report::LineRow;
use super::spend_tag::SpendTag;
use super::summary::Funds;
use super::vocabulary::{Vocabulary, vocabulary};

vocabulary! {
    /// A department-wide ratio, each with its formula in the README.
    RatioKey, "ratio" {
        Execution => "execution", "预算执行率", "budget execution rate", [];
        Adjustment => "adjustment", "预算调整率", "budget adjustment rate", [];
        AdjustmentWithSupplementary => "adjustment_with_supplementary", "预算调整率（含追加）", "adjustment rate with supplementary money", [];
        Unspent => "unspent", "结转结余率", "unspent (carry-over and balance) rate", [];
        PublicFunds => "public_funds", "公用经费控制率", "running-cost control rate", [];
        ThreePublic => "three_public", "三公经费控制率", "three public expenses against budget", [];
        Abroad => "abroad", "因公出国（境）费", "official travel abroad", [];
        Reception => "reception", "公务接待费", "official receptions", [];
        Vehicles => "vehicles", "公务用车购置及运行费", "official vehicles", [];
        Procurement => "procurement", "政府采购执行率", "government procurement against budget", [];
    }
}

impl RatioKey {
    fn of_tag(tag: SpendTag) -> RatioKey {
        match tag {
            SpendTag::Abroad => RatioKey::Abroad,
            SpendTag::Reception => RatioKey::Reception,
            SpendTag::Vehicles => RatioKey::Vehicles,
            SpendTag::Procurement => RatioKey::Procurement,
        }
    }
}

/// One ratio: `numerator ÷ denominator` in percent, two decimals; no rate
/// when the denominator is not positive (nothing budgeted or tagged).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratio {
    pub key: RatioKey,
    pub numerator: Money,
    pub denominator: Money,
    pub rate: Option<Decimal>,
}

impl Ratio {
    fn new(key: RatioKey, numerator: Money, denominator: Money) -> Ratio {
        let rate = denominator
            .is_positive()
            .then(|| percent(numerator.as_decimal(), denominator.as_decimal()));
        Ratio {
            key,
            numerator,
            denominator,
            rate,
        }
    }
}

/// Basic expenditure of one economic class, by the source of its money.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassBySource {
    /// `None`: basic lines with no class.
    pub key: Option<EconClass>,
    /// All sources together.
    #[serde(flatten)]
    pub funds: Funds,
    /// The initial budget's part (年初), the supplementary (追加), the carry-over.
    pub initial: Funds,
    pub supplementary: Funds,
    pub carryover: Funds,
}

/// What is tagged: the tags of each line (by code), and the money paid by
/// tagged payments as of the report's date, per tag and line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tagging {
    pub lines: BTreeMap<String, BTreeSet<SpendTag>>,
    pub payments: BTreeMap<SpendTag, BTreeMap<String, Money>>,
}

impl Tagging {
    fn line_has(&self, code: &str, tag: SpendTag) -> bool {
        self.lines.get(code).is_some_and(|tags| tags.contains(&tag))
    }

    /// Budget and spending of one tag: the budget of the lines tagged with
    /// it; their spending, plus tagged payments on lines that are not (a
    /// payment on a tagged line is counted once, with its line).
    fn figures(&self, lines: &[LineRow], tag: SpendTag) -> (Money, Money) {
        let (mut budget, mut spent) = (Money::ZERO, Money::ZERO);
        for line in lines.iter().filter(|l| self.line_has(&l.code, tag)) {
            budget += line.budget;
            spent += line.spent;
        }
        for (code, paid) in self.payments.get(&tag).into_iter().flatten() {
            if !self.line_has(code, tag) {
                spent += *paid;
            }
        }
        (budget, spent)
    }
}

/// The ratios in the README's order.
pub fn department_ratios(lines: &[LineRow], tagging: &Tagging) -> Vec<Ratio> {
    let sum = |keep: &dyn Fn(&LineRow) -> bool| {
        let kept = || lines.iter().filter(|l| keep(l));
        (
            kept().fold(Money::ZERO, |a, l| a + l.allocated),
            kept().fold(Money::ZERO, |a, l| a + l.budget),
            kept().fold(Money::ZERO, |a, l| a + l.spent),
        )
    };
    let (allocated, budget, spent) = sum(&|_| true);
    let (initial, _, _) = sum(&|l| l.source == Source::Initial);
    let (supplementary, _, _) = sum(&|l| l.source == Source::Supplementary);
    let (_, goods_budget, goods_spent) =
        sum(&|l| l.kind == Kind::Basic && l.econ_class == Some(EconClass::Goods));
    let adjustments = budget - allocated;

    let mut ratios = vec![
        Ratio::new(RatioKey::Execution, spent, budget),
        Ratio::new(RatioKey::Adjustment, adjustments, initial),
        Ratio::new(
            RatioKey::AdjustmentWithSupplementary,
            adjustments + supplementary,
            initial,
        ),
        Ratio::new(RatioKey::Unspent, budget - spent, budget),
        Ratio::new(RatioKey::PublicFunds, goods_spent, goods_budget),
    ];
    let three: Vec<(Money, Money)> = SpendTag::THREE_PUBLIC
        .iter()
        .map(|&tag| tagging.figures(lines, tag))
        .collect();
    let (three_budget, three_spent) = three
        .iter()
        .fold((Money::ZERO, Money::ZERO), |a, f| (a.0 + f.0, a.1 + f.1));
    ratios.push(Ratio::new(RatioKey::ThreePublic, three_spent, three_budget));
    for (&tag, (budget, spent)) in SpendTag::THREE_PUBLIC.iter().zip(three) {
        ratios.push(Ratio::new(RatioKey::of_tag(tag), spent, budget));
    }
    let (budget, spent) = tagging.figures(lines, SpendTag::Procurement);
    ratios.push(Ratio::new(RatioKey::Procurement, spent, budget));
    ratios
}

/// Basic expenditure by economic class, each split by source; the four
/// classes always show (as the report lists 资本性支出 0), unclassified lines
/// last when there are any.
pub fn basic_by_class(lines: &[LineRow]) -> Vec<ClassBySource> {
    let basic = || lines.iter().filter(|l| l.kind == Kind::Basic);
    let classes = EconClass::ALL.iter().copied().map(Some).chain([None]);
    classes
        .filter(|class| class.is_some() || basic().any(|l| l.econ_class.is_none()))
        .map(|class| {
            let of = |source: Option<Source>| {
                Funds::of(
                    basic()
                        .filter(|l| l.econ_class == class && source.is_none_or(|s| l.source == s)),
                )
            };
            ClassBySource {
                key: class,
                funds: of(None),
                initial: of(Some(Source::Initial)),
                supplementary: of(Some(Source::Supplementary)),
                carryover: of(Some(Source::Carryover)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{d, figures, line, m};
    use crate::domain::report::{ReportInput, execution_report};
    use crate::domain::{EconClass, FiscalYear, Kind::*, Source::*};

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// A hand-worked year:
    /// - B1 wages, initial 300, all spent;
    /// - B2 wages, supplementary 40, all spent;
    /// - B3 goods, initial 60 reduced to 50, 45 spent, of which 3 by a payment
    ///   tagged 公务接待;
    /// - B4 goods, initial 10, tagged 公务用车购置及运行, 8 spent;
    /// - P1 project, initial 100 raised by 20, 60 spent, tagged 政府采购;
    /// - P2 project, carry-over 50, 50 spent.
    fn year() -> (Vec<LineRow>, Tagging) {
        let mut b1 = line("B1", Basic, Initial, "2021-01-01", "300");
        b1.econ_class = Some(EconClass::Wages);
        let mut b2 = line("B2", Basic, Supplementary, "2021-06-01", "40");
        b2.econ_class = Some(EconClass::Wages);
        let mut b3 = line("B3", Basic, Initial, "2021-01-01", "60");
        b3.econ_class = Some(EconClass::Goods);
        let mut b4 = line("B4", Basic, Initial, "2021-01-01", "10");
        b4.econ_class = Some(EconClass::Goods);
        let p1 = line("P1", Project, Initial, "2021-01-01", "100");
        let p2 = line("P2", Project, Carryover, "2021-01-01", "50");
        let mut b3 = figures(b3, "45");
        b3.budget = m("50");
        let mut p1 = figures(p1, "60");
        p1.budget = m("120");
        let lines = execution_report(ReportInput {
            year: FiscalYear::new(2021).unwrap(),
            as_of: d("2021-12-31"),
            tolerance: Decimal::TEN,
            lines: vec![
                figures(b1, "300"),
                figures(b2, "40"),
                b3,
                figures(b4, "8"),
                p1,
                figures(p2, "50"),
            ],
            instalments: Vec::new(),
            paid_by_month: [Money::ZERO; 12],
            rules: crate::domain::monitoring::MonitoringRules::default(),
        })
        .lines;
        let tagging = Tagging {
            lines: [
                ("B4".to_string(), [SpendTag::Vehicles].into()),
                ("P1".to_string(), [SpendTag::Procurement].into()),
            ]
            .into(),
            payments: [
                (SpendTag::Reception, [("B3".to_string(), m("3"))].into()),
                // a procurement payment on the tagged line counts once
                (SpendTag::Procurement, [("P1".to_string(), m("60"))].into()),
            ]
            .into(),
        };
        (lines, tagging)
    }

    fn rate(ratios: &[Ratio], key: RatioKey) -> (Money, Money, Option<Decimal>) {
        let r = ratios.iter().find(|r| r.key == key).unwrap();
        (r.numerator, r.denominator, r.rate)
    }

    #[test]
    fn ratios_of_a_hand_worked_year() {
        let (lines, tagging) = year();
        let ratios = department_ratios(&lines, &tagging);
        // budget 300 + 40 + 50 + 10 + 120 + 50 = 570; spent 300 + 40 + 45 + 8 + 60 + 50 = 503
        assert_eq!(
            rate(&ratios, RatioKey::Execution),
            (m("503"), m("570"), Some(dec("88.25")))
        );
        // adjustments −10 + 20 = 10 over the initial 300 + 60 + 10 + 100 = 470
        assert_eq!(
            rate(&ratios, RatioKey::Adjustment),
            (m("10"), m("470"), Some(dec("2.13")))
        );
        // with the 40 supplementary: 50 ÷ 470
        assert_eq!(
            rate(&ratios, RatioKey::AdjustmentWithSupplementary),
            (m("50"), m("470"), Some(dec("10.64")))
        );
        // unspent 67 of 570
        assert_eq!(
            rate(&ratios, RatioKey::Unspent),
            (m("67"), m("570"), Some(dec("11.75")))
        );
        // goods: 53 spent of 60
        assert_eq!(
            rate(&ratios, RatioKey::PublicFunds),
            (m("53"), m("60"), Some(dec("88.33")))
        );
        // receptions: 3 paid, nothing budgeted: no rate
        assert_eq!(rate(&ratios, RatioKey::Reception), (m("3"), m("0"), None));
        assert_eq!(
            rate(&ratios, RatioKey::Vehicles),
            (m("8"), m("10"), Some(dec("80.00")))
        );
        assert_eq!(rate(&ratios, RatioKey::Abroad), (m("0"), m("0"), None));
        // 三公 together: 11 of 10
        assert_eq!(
            rate(&ratios, RatioKey::ThreePublic),
            (m("11"), m("10"), Some(dec("110.00")))
        );
        assert_eq!(
            rate(&ratios, RatioKey::Procurement),
            (m("60"), m("120"), Some(dec("50.00")))
        );
        let keys: Vec<RatioKey> = ratios.iter().map(|r| r.key).collect();
        assert_eq!(keys, RatioKey::ALL);
    }

    #[test]
    fn basic_expenditure_by_class_splits_initial_from_supplementary() {
        let (lines, _) = year();
        let classes = basic_by_class(&lines);
        let wages = &classes[0];
        assert_eq!(wages.key, Some(EconClass::Wages));
        assert_eq!(
            (
                wages.initial.budget,
                wages.supplementary.budget,
                wages.carryover.budget,
                wages.funds.budget
            ),
            (m("300"), m("40"), m("0"), m("340"))
        );
        let goods = &classes[1];
        assert_eq!(
            (goods.initial.budget, goods.funds.spent),
            (m("60"), m("53"))
        );
        // four classes, no unclassified row when every line has a class
        assert_eq!(classes.len(), 4);
        assert_eq!(classes[3].key, Some(EconClass::Capital));
        assert!(classes[3].funds.budget.is_zero());
    }
}
