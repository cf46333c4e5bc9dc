//! The review's monitoring parts: the whole year's light and checkpoint, the
//! money each project still needs for its checkpoint, the lines proposed for
//! an in-year reduction, and carry-over money growing old.

use super::{Sheet, Words};
use crate::cli::output::{Amounts, rate};
use crate::domain::Money;
use crate::domain::monitoring::{AgedCarryover, CheckpointStatus, ReductionCandidate};
use crate::domain::review::MonthReview;

/// `全部：执行率 31.34% · 预警 黄 63.20 · 预计执行率 75.84% · 6 月底须达 50%…`.
pub(super) fn standing(review: &MonthReview, w: Words) -> String {
    let all = &review.all;
    let mut parts = vec![
        format!("{} {}", w.pick("执行率", "rate"), rate(all.rate)),
        format!(
            "{} {}",
            w.pick("预警", "light"),
            w.lang.light(all.light, all.light_ratio)
        ),
        format!(
            "{} {} ({})",
            w.pick("全年预计执行", "projected year end"),
            w.money(all.projected),
            rate(all.projected_rate)
        ),
    ];
    if let Some(checkpoint) = &all.checkpoint {
        parts.push(w.lang.checkpoint(checkpoint, w.unit));
    }
    format!("{}{}", w.pick("全部：", "All lines: "), parts.join(" · "))
}

/// The projects table's checkpoint column: `6 月底须达 50%，须再支付（万元）`.
pub(super) fn checkpoint_header(review: &MonthReview, w: Words) -> String {
    match &review.all.checkpoint {
        Some(c) => {
            let when = w.lang.checkpoint_date(c.date);
            let target = c.target.normalize();
            match w.lang {
                crate::i18n::Lang::Zh => {
                    format!("{when}达 {target}% 须再支付（{}）", w.lang.unit(w.unit))
                }
                crate::i18n::Lang::En => {
                    format!("to pay for {target}% by {when} ({})", w.lang.unit(w.unit))
                }
            }
        }
        None => w.pick("进度节点", "checkpoint").to_string(),
    }
}

/// The amounts under [`checkpoint_header`]: those of the checkpoints not
/// yet reached.
pub(super) fn to_pay_column<'a>(
    checkpoints: impl Iterator<Item = Option<&'a CheckpointStatus>>,
    w: Words,
) -> Amounts {
    w.column(
        checkpoints
            .flatten()
            .filter(|c| !c.reached())
            .map(|c| c.to_pay),
    )
}

/// A project's cell under [`checkpoint_header`], an amount of `column`.
pub(super) fn to_pay(checkpoint: Option<&CheckpointStatus>, column: Amounts, w: Words) -> String {
    match checkpoint {
        Some(c) if c.reached() => w.pick("已达到", "reached").to_string(),
        Some(c) => column.cell(c.to_pay),
        None => "—".to_string(),
    }
}

pub(super) fn reductions_sheet(review: &MonthReview, w: Words) -> Sheet {
    let column = |f: fn(&ReductionCandidate) -> Money| w.column(review.reductions.iter().map(f));
    let (budget, projected, unspent) = (
        column(|r| r.budget),
        column(|r| r.projected),
        column(|r| r.unspent),
    );
    Sheet {
        title: format!(
            "{} · {}{}",
            w.pick(
                "调减建议（预计结余超过设定比例）",
                "Proposed in-year reductions (projected to leave too much unspent)"
            ),
            review.reductions.len(),
            w.pick(" 项", "")
        ),
        headers: vec![
            w.pick("编码", "code").into(),
            w.pick("名称", "name").into(),
            w.pick("预算数", "budget").into(),
            w.pick("全年预计执行数", "projected").into(),
            w.pick("预计结余", "unspent").into(),
            w.pick("结余比例", "unspent share").into(),
        ],
        right: vec![2, 3, 4, 5],
        rows: review
            .reductions
            .iter()
            .map(|r| {
                vec![
                    r.code.clone(),
                    r.name.clone(),
                    budget.cell(r.budget),
                    projected.cell(r.projected),
                    unspent.cell(r.unspent),
                    rate(Some(r.unspent_share)),
                ]
            })
            .collect(),
    }
}

pub(super) fn ageing_sheet(review: &MonthReview, w: Words) -> Sheet {
    let column = |f: fn(&AgedCarryover) -> Money| w.column(review.aged_carryover.iter().map(f));
    let (budget, spent, at_risk) = (
        column(|a| a.budget),
        column(|a| a.spent),
        column(|a| a.at_risk),
    );
    Sheet {
        title: format!(
            "{} · {}{}",
            w.pick(
                "结转两年以上的资金（未用完将收回）",
                "Carry-over two or more years old (recovered if unspent)"
            ),
            review.aged_carryover.len(),
            w.pick(" 项", "")
        ),
        headers: vec![
            w.pick("编码", "code").into(),
            w.pick("名称", "name").into(),
            w.pick("资金年度", "origin year").into(),
            w.pick("预算数", "budget").into(),
            w.pick("已支出", "spent").into(),
            w.pick("可能收回", "at risk").into(),
        ],
        right: vec![2, 3, 4, 5],
        rows: review
            .aged_carryover
            .iter()
            .map(|a| {
                vec![
                    a.code.clone(),
                    a.name.clone(),
                    a.origin_year.to_string(),
                    budget.cell(a.budget),
                    spent.cell(a.spent),
                    at_risk.cell(a.at_risk),
                ]
            })
            .collect(),
    }
}
