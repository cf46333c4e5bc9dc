//! Money added during the year (追加): supplementary lines and adjustments in
//! date order, with totals by funding level, as the Supplementary tab shows them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::entries::Adjustment;
use super::line::{BudgetLine, Level, Source};
use super::money::Money;

/// One allocation or adjustment made during the year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SupplementRow {
    pub date: NaiveDate,
    pub doc_no: String,
    pub line: String,
    /// The project, or the line's name for basic lines.
    pub subject: String,
    pub amount: Money,
    pub level: Level,
    /// `None` for a supplementary line's allocation, the id for an adjustment.
    pub adjustment: Option<u64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SupplementSummary {
    pub rows: Vec<SupplementRow>,
    pub by_level: BTreeMap<Level, Money>,
    pub total: Money,
}

/// Supplementary lines (by their allocation) and every adjustment dated on or
/// before `as_of`, oldest first. A transfer between lines adds nothing to the
/// department's money, so it appears as two rows that cancel out.
pub fn supplement_summary(
    lines: &[BudgetLine],
    adjustments: &[Adjustment],
    as_of: NaiveDate,
) -> SupplementSummary {
    let by_code: BTreeMap<&str, &BudgetLine> = lines.iter().map(|l| (l.code.as_str(), l)).collect();
    let subject = |l: &BudgetLine| l.project.clone().unwrap_or_else(|| l.name.clone());
    let mut rows: Vec<SupplementRow> = lines
        .iter()
        .filter(|l| l.source == Source::Supplementary && l.allocated_on <= as_of)
        .map(|l| SupplementRow {
            date: l.allocated_on,
            doc_no: l.doc_no.clone(),
            line: l.code.clone(),
            subject: subject(l),
            amount: l.allocated,
            level: l.level,
            adjustment: None,
        })
        .collect();
    for a in adjustments.iter().filter(|a| a.date <= as_of) {
        let legs = std::iter::once((a.line.as_str(), a.amount))
            .chain(a.from_line.as_deref().map(|from| (from, -a.amount)));
        for (code, amount) in legs {
            if let Some(line) = by_code.get(code) {
                rows.push(SupplementRow {
                    date: a.date,
                    doc_no: a.doc_no.clone(),
                    line: code.to_string(),
                    subject: subject(line),
                    amount,
                    level: line.level,
                    adjustment: Some(a.id),
                });
            }
        }
    }
    rows.sort_by(|a, b| a.date.cmp(&b.date).then(a.line.cmp(&b.line)));
    let mut by_level: BTreeMap<Level, Money> = BTreeMap::new();
    for row in &rows {
        *by_level.entry(row.level).or_default() += row.amount;
    }
    let total = rows.iter().map(|r| r.amount).sum();
    SupplementSummary {
        rows,
        by_level,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Kind;
    use crate::domain::fixtures;

    fn line(code: &str, source: Source, level: Level, on: &str, amount: &str) -> BudgetLine {
        BudgetLine {
            name: format!("n{code}"),
            level,
            doc_no: format!("doc {code}"),
            ..fixtures::line(code, Kind::Basic, source, on, amount)
        }
    }

    fn adjustment(id: u64, line: &str, from: Option<&str>, on: &str, amount: &str) -> Adjustment {
        Adjustment {
            id,
            line: line.into(),
            date: on.parse().unwrap(),
            amount: amount.parse().unwrap(),
            doc_no: format!("adj {id}"),
            reason: String::new(),
            batch_no: None,
            from_line: from.map(String::from),
            entered_by: "t".into(),
            entered_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn supplementary_lines_and_adjustments_by_level() {
        let lines = vec![
            line(
                "B01",
                Source::Initial,
                Level::District,
                "2021-01-01",
                "1000",
            ),
            line(
                "P01",
                Source::Supplementary,
                Level::Central,
                "2021-03-01",
                "500",
            ),
            line(
                "P02",
                Source::Supplementary,
                Level::District,
                "2021-10-01",
                "70",
            ),
        ];
        let adjustments = vec![
            adjustment(1, "B01", None, "2021-05-01", "-100"),
            adjustment(2, "P01", Some("B01"), "2021-06-01", "40"),
        ];
        let s = supplement_summary(&lines, &adjustments, "2021-09-30".parse().unwrap());
        // P02 is allocated after the date; the transfer shows as +40 on P01 and −40 on B01
        assert_eq!(
            s.rows
                .iter()
                .map(|r| (r.line.as_str(), r.amount.plain()))
                .collect::<Vec<_>>(),
            vec![
                ("P01", "500.00".to_string()),
                ("B01", "-100.00".to_string()),
                ("B01", "-40.00".to_string()),
                ("P01", "40.00".to_string()),
            ]
        );
        assert_eq!(s.by_level[&Level::Central].plain(), "540.00");
        assert_eq!(s.by_level[&Level::District].plain(), "-140.00");
        assert_eq!(s.total.plain(), "400.00");
    }
}
