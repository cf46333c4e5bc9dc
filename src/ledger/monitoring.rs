//! The ledger's in-year monitoring rules (warning-light bands, the size rule,
//! checkpoints, the reduction share): national defaults unless an admin sets
//! others, kept as JSON under one settings key.

use super::LocalLedger;
use crate::domain::monitoring::MonitoringRules;
use crate::error::{Error, Result};
use crate::store::Damage;
use crate::store::StoreError;

/// The settings key the rules are kept under.
pub(super) const KEY: &str = "monitoring_rules";

pub(super) fn read(stored: Option<String>) -> std::result::Result<MonitoringRules, StoreError> {
    let Some(json) = stored else {
        return Ok(MonitoringRules::default());
    };
    let rules: MonitoringRules = serde_json::from_str(&json).map_err(|e| {
        StoreError::Corrupt(Damage::new(
            format!("the monitoring rules cannot be read: {e}"),
            format!("监控规则无法读取：{e}"),
        ))
    })?;
    rules.check().map_err(|e| {
        StoreError::Corrupt(Damage::new(
            format!("the monitoring rules were written around outlay's checks: {e}"),
            format!("监控规则绕过了 outlay 的检查写入：{e}"),
        ))
    })?;
    Ok(rules)
}

impl LocalLedger {
    pub fn monitoring_rules(&self) -> Result<MonitoringRules> {
        Ok(self.store.read(|r| read(r.meta(KEY)?))?)
    }

    pub fn set_monitoring_rules(&self, rules: MonitoringRules) -> Result<()> {
        rules.check()?;
        let json =
            serde_json::to_string(&rules).map_err(|e| crate::error::OutputError::Encode {
                what: crate::error::Encoded::MonitoringRules,
                cause: e.to_string(),
            })?;
        self.store.write(|w| {
            w.set_meta(KEY, &json)?;
            let detail = format!(
                "lights red < {}, yellow < {}; large line {} yuan, {} points behind; checkpoints {}; reduction above {} % unspent",
                rules.red_below,
                rules.yellow_below,
                rules.large_budget.plain(),
                rules.large_behind,
                rules.checkpoints_text(),
                rules.reduction_share
            );
            w.log(self.event("settings", KEY, detail))?;
            Ok::<_, Error>(())
        })
    }
}
