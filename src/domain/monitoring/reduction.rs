//! In-year reduction proposals (调减建议): a paced line projected to leave
//! more than the rules' share of its budget unspent should give it back
//! during the year rather than carry it into the accounts as 结余.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::rules::MonitoringRules;
use crate::domain::calendar::percent;
use crate::domain::money::Money;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReductionCandidate {
    pub code: String,
    pub name: String,
    pub budget: Money,
    pub projected: Money,
    /// budget − projected: what could be cut.
    pub unspent: Money,
    /// unspent ÷ budget, in percent.
    pub unspent_share: Decimal,
}

/// A line's proposal, if it is paced and projected to leave more than the
/// share unspent. A line not paced is left out: its projection is only what
/// it spent so far, not a forecast.
pub fn reduction(
    code: &str,
    name: &str,
    paced: bool,
    budget: Money,
    projected: Money,
    rules: &MonitoringRules,
) -> Option<ReductionCandidate> {
    if !paced || !budget.is_positive() {
        return None;
    }
    let unspent = budget - projected;
    let unspent_share = percent(unspent.as_decimal(), budget.as_decimal());
    (unspent_share > rules.reduction_share).then(|| ReductionCandidate {
        code: code.to_string(),
        name: name.to_string(),
        budget,
        projected,
        unspent,
        unspent_share,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::m;

    #[test]
    fn more_than_the_share_unspent_is_proposed_and_exactly_the_share_is_not() {
        let rules = MonitoringRules::default();
        let cut = reduction("P1", "救援", true, m("1000"), m("850"), &rules).unwrap();
        assert_eq!(
            (cut.unspent, cut.unspent_share),
            (m("150"), Decimal::new(1500, 2))
        );
        assert_eq!(
            reduction("P1", "救援", true, m("1000"), m("900"), &rules),
            None
        );
        assert_eq!(
            reduction("P1", "救援", false, m("1000"), m("0"), &rules),
            None
        );
        assert_eq!(
            reduction("P1", "救援", true, Money::ZERO, m("0"), &rules),
            None
        );
    }
}
