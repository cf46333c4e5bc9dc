//! The journal a page at a time, in any order it can be sorted by: each
//! order walks an index (date, entry, line, payee, voucher) from the last
//! entry of the page before, so a page costs its own rows whatever the size
//! of the year, and sorting covers the whole year, not the rows read. Amount
//! and memo have no index: each would cost ~30 bytes a disbursement.

use std::ops::Bound;

use chrono::NaiveDate;
use redb::ReadTransaction;
use serde::{Deserialize, Serialize};

use super::StoreError;
use super::compact::decode_disbursement;
use super::tables::*;
use crate::domain::Disbursement;

/// The orders the journal can be listed in, each read from its own index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JournalOrder {
    /// By date, then as entered.
    #[default]
    Date,
    /// As entered (by id).
    Entered,
    /// By line, then date.
    Line,
    /// By payee, then as entered.
    Payee,
    /// By voucher, then line.
    Voucher,
}

/// Which disbursements to list. Filters that an index answers (a line and
/// the dates, in date order) are applied before any record is read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisbursementQuery {
    pub line: Option<String>,
    /// (year, month)
    pub month: Option<(i32, u32)>,
    /// Only entries dated on or before this day (the year as it stood then).
    pub until: Option<NaiveDate>,
    /// Only entries whose payee, voucher, memo or contract contains this text
    /// (any case). Read after the indexes, before `limit`.
    pub text: Option<String>,
    /// The order reversed: newest first by date, the largest first by amount.
    pub newest_first: bool,
    pub limit: Option<usize>,
    #[serde(default)]
    pub order: JournalOrder,
    /// Only entries after this one (by id) in the listing's order: the page
    /// that follows a page ending there. An id not stored lists nothing.
    #[serde(default)]
    pub after: Option<u64>,
}

impl DisbursementQuery {
    /// The day numbers the query covers (its month, up to `until`), or none.
    fn days(&self) -> Option<(u32, u32)> {
        let (from, to) = match self.month {
            Some((year, month)) => {
                let first = NaiveDate::from_ymd_opt(year, month, 1)?;
                let last = first
                    .checked_add_months(chrono::Months::new(1))?
                    .pred_opt()?;
                (day_key(first), day_key(last))
            }
            None => (0, u32::MAX),
        };
        let to = self.until.map_or(to, |until| to.min(day_key(until)));
        (from <= to).then_some((from, to))
    }

    fn matches_text(&self, d: &Disbursement) -> bool {
        let Some(needle) = self
            .text
            .as_deref()
            .map(str::to_lowercase)
            .filter(|t| !t.is_empty())
        else {
            return true;
        };
        [
            d.payee.as_str(),
            d.voucher.as_str(),
            d.memo.as_str(),
            d.contract.as_deref().unwrap_or(""),
        ]
        .iter()
        .any(|field| field.to_lowercase().contains(&needle))
    }
}

type Ids = Box<dyn DoubleEndedIterator<Item = Result<u64, StoreError>>>;

/// The disbursements `query` selects, in its order, read one at a time from
/// the order's index until the page is full.
pub(super) fn list(
    txn: &ReadTransaction,
    query: &DisbursementQuery,
) -> Result<Vec<Disbursement>, StoreError> {
    let limit = query.limit.unwrap_or(usize::MAX);
    let Some((from, to)) = query.days().filter(|_| limit > 0) else {
        return Ok(Vec::new());
    };
    let records = txn.open_table(DISBURSEMENTS)?;
    let cursor = match query.after {
        None => None,
        Some(id) => match records.get(id)? {
            Some(bytes) => Some(decode_disbursement(id, bytes.value())?),
            None => return Ok(Vec::new()),
        },
    };
    let Some((ids, by_index)) = ids_in_order(txn, query, (from, to), cursor.as_ref())? else {
        return Ok(Vec::new());
    };
    let ids: Box<dyn Iterator<Item = _>> = if query.newest_first {
        Box::new(ids.rev())
    } else {
        Box::new(ids)
    };
    let wanted = |d: &Disbursement| {
        by_index
            || (query.line.as_ref().is_none_or(|line| &d.line == line)
                && (from..=to).contains(&day_key(d.date)))
    };
    let mut out = Vec::new();
    for id in ids {
        let id = id?;
        let Some(bytes) = records.get(id)? else {
            continue;
        };
        let d = decode_disbursement(id, bytes.value())?;
        if wanted(&d) && query.matches_text(&d) {
            out.push(d);
            if out.len() >= limit {
                break;
            }
        }
    }
    Ok(out)
}

/// The ids of the order's index after the cursor, and whether the index
/// already keeps to the query's line and days (else each record is checked);
/// `None` when nothing is left past the cursor.
fn ids_in_order(
    txn: &ReadTransaction,
    query: &DisbursementQuery,
    (from, to): (u32, u32),
    cursor: Option<&Disbursement>,
) -> Result<Option<(Ids, bool)>, StoreError> {
    let down = query.newest_first;
    let day = |d: &Disbursement| day_key(d.date);
    let ids: Ids = match (query.order, &query.line) {
        (JournalOrder::Date | JournalOrder::Line, Some(line)) => {
            let span = ((line.as_str(), from, 0), (line.as_str(), to, u64::MAX));
            let at = cursor.map(|d| (d.line.as_str(), day(d), d.id));
            let Some(range) = bounds(Some(span), at, down) else {
                return Ok(None);
            };
            let index = txn.open_table(BY_LINE_DATE)?;
            return Ok(Some((
                Box::new(index.range(range)?.map(|e| Ok(e?.0.value().2))),
                true,
            )));
        }
        (JournalOrder::Date, None) => {
            let at = cursor.map(|d| (day(d), d.id));
            let Some(range) = bounds(Some(((from, 0), (to, u64::MAX))), at, down) else {
                return Ok(None);
            };
            let index = txn.open_table(BY_DATE)?;
            return Ok(Some((
                Box::new(index.range(range)?.map(|e| Ok(e?.0.value().1))),
                true,
            )));
        }
        (JournalOrder::Entered, _) => {
            let Some(range) = bounds(None, cursor.map(|d| d.id), down) else {
                return Ok(None);
            };
            let records = txn.open_table(DISBURSEMENTS)?;
            Box::new(records.range(range)?.map(|e| Ok(e?.0.value())))
        }
        (JournalOrder::Line, None) => {
            let at = cursor.map(|d| (d.line.as_str(), day(d), d.id));
            let Some(range) = bounds(None, at, down) else {
                return Ok(None);
            };
            let index = txn.open_table(BY_LINE_DATE)?;
            Box::new(index.range(range)?.map(|e| Ok(e?.0.value().2)))
        }
        (JournalOrder::Payee, _) => {
            let at = cursor.map(|d| (d.payee.as_str(), d.id));
            let Some(range) = bounds(None, at, down) else {
                return Ok(None);
            };
            let index = txn.open_table(BY_PAYEE)?;
            Box::new(index.range(range)?.map(|e| Ok(e?.0.value().1)))
        }
        (JournalOrder::Voucher, _) => {
            let at = cursor.map(|d| (d.voucher.as_str(), d.line.as_str()));
            let Some(range) = bounds(None, at, down) else {
                return Ok(None);
            };
            let index = txn.open_table(VOUCHERS)?;
            Box::new(index.range(range)?.map(|e| Ok(e?.1.value())))
        }
    };
    Ok(Some((ids, false)))
}

/// The range of an index between `span`'s ends (the whole index without one)
/// that comes after `cursor` in the listing's direction; `None` when the
/// cursor is at or past the far end, so nothing is left.
fn bounds<T: Ord + Copy>(
    span: Option<(T, T)>,
    cursor: Option<T>,
    down: bool,
) -> Option<(Bound<T>, Bound<T>)> {
    let (low, high) = match span {
        Some((first, last)) => (Bound::Included(first), Bound::Included(last)),
        None => (Bound::Unbounded, Bound::Unbounded),
    };
    let Some(at) = cursor else {
        return Some((low, high));
    };
    let (first, last) = (span.map(|s| s.0), span.map(|s| s.1));
    if down {
        match (first, last) {
            (Some(first), _) if at <= first => None,
            (_, Some(last)) if at > last => Some((low, high)),
            _ => Some((low, Bound::Excluded(at))),
        }
    } else {
        match (first, last) {
            (_, Some(last)) if at >= last => None,
            (Some(first), _) if at < first => Some((low, high)),
            _ => Some((Bound::Excluded(at), high)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_bounds_the_side_the_listing_comes_from() {
        use Bound::*;
        let span = Some((10, 20));
        assert_eq!(
            bounds(span, None, false),
            Some((Included(10), Included(20)))
        );
        assert_eq!(
            bounds(span, Some(15), false),
            Some((Excluded(15), Included(20)))
        );
        assert_eq!(
            bounds(span, Some(15), true),
            Some((Included(10), Excluded(15)))
        );
        assert_eq!(bounds(span, Some(20), false), None);
        assert_eq!(bounds(span, Some(10), true), None);
        assert_eq!(
            bounds(span, Some(5), false),
            Some((Included(10), Included(20)))
        );
        assert_eq!(
            bounds(span, Some(25), true),
            Some((Included(10), Included(20)))
        );
        assert_eq!(bounds(span, Some(25), false), None);
        assert_eq!(bounds(None, Some(7), true), Some((Unbounded, Excluded(7))));
        assert_eq!(bounds(None, Some(7), false), Some((Excluded(7), Unbounded)));
    }
}
