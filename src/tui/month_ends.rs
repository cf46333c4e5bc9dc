//! Stepping the as-of date by month ends.

use chrono::{Datelike, NaiveDate};

fn month_end(year: i32, month: u32) -> NaiveDate {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    first_next
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MIN)
}

/// The last month end strictly before `date`.
pub fn previous_month_end(date: NaiveDate) -> NaiveDate {
    let first = date.with_day(1).unwrap_or(date);
    first.pred_opt().unwrap_or(date)
}

/// The first month end strictly after `date`.
pub fn next_month_end(date: NaiveDate) -> NaiveDate {
    let end = month_end(date.year(), date.month());
    if end > date {
        end
    } else {
        month_end(
            end.year() + i32::from(end.month() == 12),
            end.month() % 12 + 1,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn as_of_steps_by_month_ends() {
        assert_eq!(previous_month_end(d("2021-12-31")), d("2021-11-30"));
        assert_eq!(previous_month_end(d("2021-03-15")), d("2021-02-28"));
        assert_eq!(next_month_end(d("2021-02-28")), d("2021-03-31"));
        assert_eq!(next_month_end(d("2021-03-15")), d("2021-03-31"));
        assert_eq!(next_month_end(d("2021-12-31")), d("2022-01-31"));
    }
}
