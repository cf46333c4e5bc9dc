//! `outlay settings --grade-bands … --qualitative-bands … --equal-rule …`:
//! the scoring rules provinces set differently.

use super::entry::SettingsArgs;
use super::{decimal, word};
use crate::Ledger;
use crate::domain::rules::{EqualRule, GradeBands, QualitativeBands, ScoringRules};
use crate::domain::{Refusal, Vocabulary};
use crate::error::Error;
use crate::i18n::Lang;

/// `90,80,60`: `N` numbers separated by commas, for `field`.
pub(super) fn numbers<const N: usize>(
    field: &'static str,
    text: &str,
) -> Result<[rust_decimal::Decimal; N], Refusal> {
    let parts: Vec<&str> = text.split([',', '，']).map(str::trim).collect();
    if parts.len() != N {
        return Err(Refusal::field_in(
            field,
            format!("'{text}' must be {N} numbers separated by commas"),
            format!("“{text}”应为 {N} 个以逗号分隔的数"),
        ));
    }
    let mut out = [rust_decimal::Decimal::ZERO; N];
    for (slot, part) in out.iter_mut().zip(parts) {
        *slot = decimal(field, part)?;
    }
    Ok(out)
}

/// The rules the flags ask for (the ledger's, changed as given), checked;
/// `None` when no flag is given.
pub fn wanted(args: &SettingsArgs, ledger: &Ledger) -> Result<Option<ScoringRules>, Error> {
    if args.grade_bands.is_none() && args.qualitative_bands.is_none() && args.equal_rule.is_none() {
        return Ok(None);
    }
    let mut rules = ledger.scoring_rules()?;
    if let Some(text) = &args.grade_bands {
        let [excellent, good, fair] = numbers("grade_bands", text)?;
        rules.grades = GradeBands {
            excellent,
            good,
            fair,
        };
    }
    if let Some(text) = &args.qualitative_bands {
        let [achieved, partly] = numbers("qualitative_bands", text)?;
        rules.qualitative = QualitativeBands { achieved, partly };
    }
    if let Some(text) = &args.equal_rule {
        rules.equal = word::<EqualRule>(text)?;
    }
    rules.check()?;
    Ok(Some(rules))
}

/// The rules in force, one line each.
pub fn describe(lang: Lang, rules: &ScoringRules) -> String {
    let g = rules.grades;
    let q = rules.qualitative;
    match lang {
        Lang::Zh => format!(
            "评价等级：优 ≥ {}，良 ≥ {}，中 ≥ {}\n定性指标：达成 ≥ {}%，部分达成 ≥ {}%\n“=”指标：{}",
            g.excellent,
            g.good,
            g.fair,
            q.achieved,
            q.partly,
            rules.equal.zh()
        ),
        Lang::En => format!(
            "grades: 优 ≥ {}, 良 ≥ {}, 中 ≥ {}\nqualitative: achieved ≥ {}%, partly ≥ {}%\n= targets: {} ({})",
            g.excellent,
            g.good,
            g.fair,
            q.achieved,
            q.partly,
            rules.equal.code(),
            rules.equal.en()
        ),
    }
}
