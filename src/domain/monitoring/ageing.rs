//! Carry-over money growing old: money carried over from two or more years
//! back and still unspent is recovered as 结余, so the review names it with
//! the amount at risk.

use serde::{Deserialize, Serialize};

use crate::domain::line::{BudgetLine, Source};
use crate::domain::money::Money;

/// Years back at which carry-over money is at risk of recovery.
pub const AT_RISK_AGE: i32 = 2;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgedCarryover {
    pub code: String,
    pub name: String,
    /// The year the money was first budgeted.
    pub origin_year: i32,
    /// Fiscal year − origin year.
    pub age: i32,
    pub budget: Money,
    pub spent: Money,
    /// What is still unspent and would be recovered.
    pub at_risk: Money,
}

/// The year a carry-over line's money was first budgeted: as recorded, else
/// the year in its document number (〔2019〕), else the year before.
pub fn origin_year(line: &BudgetLine, fiscal_year: i32) -> Option<i32> {
    if line.source != Source::Carryover {
        return None;
    }
    line.refs
        .origin_year
        .or_else(|| year_in_doc_no(&line.doc_no).filter(|y| *y < fiscal_year))
        .or(Some(fiscal_year - 1))
}

/// The year of a document number written the official way: 川财建〔2020〕196号.
fn year_in_doc_no(doc_no: &str) -> Option<i32> {
    let (_, after) = doc_no.split_once(['〔', '[', '［', '(', '（', '【'])?;
    let year: String = after.chars().take_while(char::is_ascii_digit).collect();
    (year.len() == 4).then(|| year.parse().ok()).flatten()
}

/// The line's money at risk, if it is carry-over old enough and has money left.
pub fn aged(
    line: &BudgetLine,
    fiscal_year: i32,
    budget: Money,
    spent: Money,
) -> Option<AgedCarryover> {
    let origin_year = origin_year(line, fiscal_year)?;
    let age = fiscal_year - origin_year;
    let at_risk = budget - spent;
    (age >= AT_RISK_AGE && at_risk.is_positive()).then(|| AgedCarryover {
        code: line.code.clone(),
        name: line.name.clone(),
        origin_year,
        age,
        budget,
        spent,
        at_risk,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{self, m};
    use crate::domain::line::Kind;

    fn carried(doc_no: &str, origin: Option<i32>) -> BudgetLine {
        let mut line = fixtures::line("P1", Kind::Project, Source::Carryover, "2021-01-01", "100");
        line.doc_no = doc_no.into();
        line.refs.origin_year = origin;
        line
    }

    #[test]
    fn the_origin_year_is_recorded_read_from_the_document_or_the_year_before() {
        assert_eq!(
            origin_year(&carried("川财建〔2019〕196号", None), 2021),
            Some(2019)
        );
        assert_eq!(
            origin_year(&carried("财建[2018]1号", Some(2020)), 2021),
            Some(2020)
        );
        assert_eq!(origin_year(&carried("攀财建156号", None), 2021), Some(2020));
        // a document of this year does not make this year's money carry-over
        assert_eq!(origin_year(&carried("〔2021〕3号", None), 2021), Some(2020));
        let initial = fixtures::line("B1", Kind::Basic, Source::Initial, "2021-01-01", "100");
        assert_eq!(origin_year(&initial, 2021), None);
    }

    #[test]
    fn money_two_years_back_and_unspent_is_at_risk() {
        let old = carried("〔2019〕1号", None);
        let risk = aged(&old, 2021, m("100"), m("30")).unwrap();
        assert_eq!((risk.age, risk.at_risk), (2, m("70")));
        // spent out: nothing at risk
        assert_eq!(aged(&old, 2021, m("100"), m("100")), None);
        // one year back: not yet
        assert_eq!(
            aged(&carried("〔2020〕1号", None), 2021, m("100"), m("0")),
            None
        );
    }
}
