//! Contract instalments and which of them are overdue (逾期).

use chrono::NaiveDate;
use serde::Serialize;

use super::entries::ScheduleItem;
use super::money::Money;

/// An instalment with what has been paid towards it as of a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct InstalmentStatus {
    pub item: ScheduleItem,
    pub paid: Money,
    pub outstanding: Money,
    /// Days past due while not fully paid; `None` when not overdue.
    pub days_overdue: Option<i64>,
}

impl InstalmentStatus {
    pub fn is_overdue(&self) -> bool {
        self.days_overdue.is_some()
    }
}

/// Spreads what was paid on one contract of one line over its instalments,
/// earliest due first (payments settle the oldest debt), and marks the ones
/// due before `as_of` that are not fully paid as overdue.
///
/// `instalments` must all belong to the same line and contract.
pub fn instalment_statuses(
    mut instalments: Vec<ScheduleItem>,
    paid_on_contract: Money,
    as_of: NaiveDate,
) -> Vec<InstalmentStatus> {
    instalments.sort_by_key(|i| (i.due, i.id));
    let count = instalments.len();
    let mut unallocated = paid_on_contract.max(Money::ZERO);
    instalments
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            // The last instalment takes any overpayment, so nothing paid disappears.
            let paid = if index + 1 == count {
                unallocated
            } else {
                unallocated.min(item.amount)
            };
            unallocated -= paid;
            let outstanding = (item.amount - paid).max(Money::ZERO);
            let days_overdue = (item.due < as_of && outstanding.is_positive())
                .then(|| (as_of - item.due).num_days());
            InstalmentStatus {
                item,
                paid,
                outstanding,
                days_overdue,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::parse_amount;
    use proptest::prelude::*;

    fn item(id: u64, due: &str, amount: &str) -> ScheduleItem {
        crate::domain::fixtures::instalment(id, "P02", due, amount)
    }

    #[test]
    fn unpaid_instalment_past_due_is_overdue_by_days() {
        let s = instalment_statuses(
            vec![item(1, "2021-11-30", "129.5万")],
            Money::ZERO,
            "2021-12-31".parse().unwrap(),
        );
        assert_eq!(s[0].days_overdue, Some(31));
        assert_eq!(s[0].outstanding.plain(), "1295000.00");
    }

    #[test]
    fn due_today_is_not_yet_overdue() {
        let s = instalment_statuses(
            vec![item(1, "2021-12-31", "100")],
            Money::ZERO,
            "2021-12-31".parse().unwrap(),
        );
        assert_eq!(s[0].days_overdue, None);
    }

    #[test]
    fn payments_settle_the_earliest_instalment_first() {
        let items = vec![item(2, "2021-09-30", "500"), item(1, "2021-03-31", "300")];
        let s = instalment_statuses(
            items,
            parse_amount("400").unwrap(),
            "2021-12-31".parse().unwrap(),
        );
        assert_eq!(
            (s[0].item.id, s[0].paid.plain(), s[0].days_overdue),
            (1, "300.00".into(), None)
        );
        assert_eq!(
            (s[1].item.id, s[1].paid.plain(), s[1].outstanding.plain()),
            (2, "100.00".into(), "400.00".into())
        );
        assert_eq!(s[1].days_overdue, Some(92));
    }

    proptest! {
        #[test]
        fn paid_is_conserved_and_outstanding_never_negative(
            amounts in proptest::collection::vec(1i64..10_000_000, 1..6),
            paid in 0i64..60_000_000,
        ) {
            let items: Vec<_> = amounts.iter().enumerate()
                .map(|(i, a)| item(i as u64, "2021-06-30", &Money::from_fen(*a).plain())).collect();
            let s = instalment_statuses(items, Money::from_fen(paid), "2021-12-31".parse().unwrap());
            prop_assert_eq!(s.iter().map(|x| x.paid).sum::<Money>(), Money::from_fen(paid));
            for x in &s {
                prop_assert!(!x.outstanding.is_negative());
                prop_assert_eq!(x.is_overdue(), x.paid < x.item.amount);
            }
        }
    }
}
