//! `outlay settings --light-bands … --large-line … --checkpoints …
//! --reduction-share …`: the in-year monitoring rules a finance bureau sets.

use super::entry::SettingsArgs;
use super::scoring::numbers;
use super::{amount, decimal};
use crate::Ledger;
use crate::domain::Refusal;
use crate::domain::money::Unit;
use crate::domain::monitoring::MonitoringRules;
use crate::domain::monitoring::rules::parse_checkpoints;
use crate::error::Error;
use crate::i18n::Lang;

/// The rules the flags ask for (the ledger's, changed as given), checked;
/// `None` when no flag is given.
pub fn wanted(args: &SettingsArgs, ledger: &Ledger) -> Result<Option<MonitoringRules>, Error> {
    let flags = [
        &args.light_bands,
        &args.large_line,
        &args.checkpoints,
        &args.reduction_share,
    ];
    if flags.iter().all(|f| f.is_none()) {
        return Ok(None);
    }
    let mut rules = ledger.monitoring_rules()?;
    if let Some(text) = &args.light_bands {
        [rules.red_below, rules.yellow_below] = numbers("light_bands", text)?;
    }
    if let Some(text) = &args.large_line {
        let (budget, behind) = text.split_once([':', '：']).ok_or_else(|| {
            Refusal::field_in(
                "large_line",
                format!("'{text}' must be budget:points (e.g. 10000000:20 or 1000万:20)"),
                format!("“{text}”应为 金额:百分点（如 10000000:20 或 1000万:20）"),
            )
        })?;
        rules.large_budget = amount("large_line", budget.trim())?;
        rules.large_behind = decimal("large_line", behind.trim())?;
    }
    if let Some(text) = &args.checkpoints {
        rules.checkpoints = parse_checkpoints(text)?;
    }
    if let Some(text) = &args.reduction_share {
        let text = text.trim().trim_end_matches(['%', '％']);
        rules.reduction_share = decimal("reduction_share", text)?;
    }
    rules.check()?;
    Ok(Some(rules))
}

/// The rules in force, one line each.
pub fn describe(lang: Lang, rules: &MonitoringRules) -> String {
    let large = rules.large_budget.display(Unit::Yuan);
    let checkpoints = if rules.checkpoints.is_empty() {
        lang.pick("无", "none").to_string()
    } else {
        rules.checkpoints_text()
    };
    match lang {
        Lang::Zh => format!(
            "预警灯：红 < {}，黄 < {}，绿 ≥ {}（执行率 ÷ 序时进度 × 100）\n大额项目：≥ {large} 元且落后 ≥ {} 个百分点即红灯\n进度节点：{checkpoints}\n调减建议：预计结余超过预算的 {}%",
            rules.red_below,
            rules.yellow_below,
            rules.yellow_below,
            rules.large_behind,
            rules.reduction_share
        ),
        Lang::En => format!(
            "warning lights: red < {}, yellow < {}, green ≥ {} (rate ÷ time progress × 100)\nlarge projects: ≥ {large} yuan and ≥ {} points behind is red\ncheckpoints: {checkpoints}\nreduction proposed: more than {}% of the budget projected unspent",
            rules.red_below,
            rules.yellow_below,
            rules.yellow_below,
            rules.large_behind,
            rules.reduction_share
        ),
    }
}
