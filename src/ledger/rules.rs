//! The ledger's scoring rules: grade bands, qualitative bands and the `=`
//! rule, national unless an admin sets others (the execution cap is its own
//! setting, see `set_execution_cap`).

use super::LocalLedger;
use crate::domain::Indicator;
use crate::domain::Vocabulary;
use crate::domain::rules::ScoringRules;
use crate::error::{Error, Result};
use crate::store::Damage;
use crate::store::{StoreError, Writer};

/// The settings key the rules are kept under, as JSON.
const KEY: &str = "scoring_rules";

fn read(stored: Option<String>) -> std::result::Result<ScoringRules, StoreError> {
    let Some(json) = stored else {
        return Ok(ScoringRules::default());
    };
    let rules: ScoringRules = serde_json::from_str(&json).map_err(|e| {
        StoreError::Corrupt(Damage::new(
            format!("the scoring rules cannot be read: {e}"),
            format!("评分规则无法读取：{e}"),
        ))
    })?;
    rules.check().map_err(|e| {
        StoreError::Corrupt(Damage::new(
            format!("the scoring rules were written around outlay's checks: {e}"),
            format!("评分规则绕过了 outlay 的检查写入：{e}"),
        ))
    })?;
    Ok(rules)
}

/// Refuses a score outside the band of the grade recorded with it, by the
/// ledger's qualitative bands.
pub(super) fn check_band(w: &Writer, indicator: &Indicator) -> Result<()> {
    if let (Some(grade), Some(score)) = (indicator.grade, indicator.score) {
        read(w.meta(KEY)?)?
            .qualitative
            .check_score(grade, score, indicator.weight)?;
    }
    Ok(())
}

impl LocalLedger {
    pub fn scoring_rules(&self) -> Result<ScoringRules> {
        Ok(self.store.read(|r| read(r.meta(KEY)?))?)
    }

    /// Sets the grade bands, the qualitative bands and the `=` rule.
    pub fn set_scoring_rules(&self, rules: ScoringRules) -> Result<()> {
        rules.check()?;
        let json =
            serde_json::to_string(&rules).map_err(|e| crate::error::OutputError::Encode {
                what: crate::error::Encoded::ScoringRules,
                cause: e.to_string(),
            })?;
        self.store.write(|w| {
            w.set_meta(KEY, &json)?;
            let g = rules.grades;
            let q = rules.qualitative;
            let detail = format!(
                "grades {},{},{}; qualitative {},{}; = rule {}",
                g.excellent,
                g.good,
                g.fair,
                q.achieved,
                q.partly,
                rules.equal.code()
            );
            w.log(self.event("settings", KEY, detail))?;
            Ok::<_, Error>(())
        })
    }
}
