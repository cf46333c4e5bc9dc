//! The fiscal year (预算年度: 1 January – 31 December) and time-proportional
//! progress (序时进度), the yardstick execution is measured against.

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// A fiscal year: the calendar year in China.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FiscalYear(i32);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("no date given")]
    Empty,
    #[error("'{0}' is not a date (write e.g. 2021-06-30)")]
    Malformed(String),
}

impl FiscalYear {
    /// Years a department ledger can sensibly hold.
    pub const RANGE: std::ops::RangeInclusive<i32> = 1990..=2200;

    pub fn new(year: i32) -> Option<FiscalYear> {
        Self::RANGE.contains(&year).then_some(FiscalYear(year))
    }

    pub fn year(self) -> i32 {
        self.0
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 1, 1).expect("1 January exists in every year in RANGE")
    }

    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 12, 31).expect("31 December exists in every year in RANGE")
    }

    pub fn days(self) -> u32 {
        self.last_day().ordinal()
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        date.year() == self.0
    }

    /// The date moved into the year: before it → 1 January, after it → 31 December.
    pub fn clamp(self, date: NaiveDate) -> NaiveDate {
        date.clamp(self.first_day(), self.last_day())
    }

    /// The last day of a month of this year.
    pub fn month_end(self, month: u32) -> Option<NaiveDate> {
        if !(1..=12).contains(&month) {
            // Checked first: any u32 can arrive over the socket.
            return None;
        }
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(self.0 + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.0, month + 1, 1)
        }?;
        next.pred_opt()
    }

    /// 序时进度 by day: days elapsed (counting `date` itself) ÷ days in the year,
    /// in percent with two decimals, half-up. Dates outside the year clamp to it.
    pub fn time_progress(self, date: NaiveDate) -> Decimal {
        let elapsed = Decimal::from(self.clamp(date).ordinal());
        percent(elapsed, Decimal::from(self.days()))
    }

    /// 序时进度 by month, as the month-end review uses it: month ÷ 12.
    pub fn month_progress(month: u32) -> Decimal {
        percent(Decimal::from(month.clamp(1, 12)), Decimal::from(12))
    }
}

impl std::fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// `part ÷ whole` in percent, two decimals, rounded half-up.
pub fn percent(part: Decimal, whole: Decimal) -> Decimal {
    let mut rate = ratio(part.saturating_mul(Decimal::ONE_HUNDRED), whole)
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rate.rescale(2);
    rate
}

/// `part ÷ whole`, saturating where the quotient leaves what a decimal holds
/// (and at the sign of `part` for a zero `whole`): a figure far out of
/// range shows as one rather than stopping the report.
pub fn ratio(part: Decimal, whole: Decimal) -> Decimal {
    part.checked_div(whole).unwrap_or_else(|| {
        if part.is_sign_negative() != whole.is_sign_negative() && !whole.is_zero() {
            Decimal::MIN
        } else {
            Decimal::MAX
        }
    })
}

/// Parses a month, `2021-06` or `2021/6` (full-width digits read as digits),
/// as year and month: read as its first day by [`parse_date`], so a month is
/// written the way a date is, and nothing else passes.
pub fn parse_month(input: &str) -> Option<(i32, u32)> {
    let text = super::text::for_parsing(input);
    let separator = if text.contains('/') { '/' } else { '-' };
    if text.matches(separator).count() != 1 {
        return None;
    }
    let first = parse_date(&format!("{text}{separator}01")).ok()?;
    Some((first.year(), first.month()))
}

/// Parses a date as it is typed or exported by spreadsheets and treasury
/// systems. The whole field must be one of these forms (full-width digits read
/// as digits): `2021-06-30`, `2021/6/30`, `2021.06.30` (four-digit year, month
/// and day of one or two digits, one separator throughout), `20210630` (exactly
/// eight digits), `2021年6月30日`; a spreadsheet's time after the date
/// (`2021/6/30 0:00:00`, `2021-06-30 14:05`) is allowed when it is a real time
/// of day, and ignored. Nothing else: no sign, no trailing text.
pub fn parse_date(input: &str) -> Result<NaiveDate, DateError> {
    let text = super::text::for_parsing(input);
    if text.is_empty() {
        return Err(DateError::Empty);
    }
    let malformed = || DateError::Malformed(super::text::escape(&text).into_owned());
    let (day, time) = match text.split_once(' ') {
        Some((day, time)) => (day, Some(time.trim_start_matches(' '))),
        None => (text.as_ref(), None),
    };
    if time.is_some_and(|t| !is_time_of_day(t)) {
        return Err(malformed());
    }
    calendar_day(day).ok_or_else(malformed)
}

/// The date part of [`parse_date`]'s forms.
fn calendar_day(text: &str) -> Option<NaiveDate> {
    let number = |digits: &str, widths: std::ops::RangeInclusive<usize>| {
        (widths.contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse::<u32>().ok())
            .flatten()
    };
    let ymd = |y: &str, m: &str, d: &str| {
        let year = i32::try_from(number(y, 4..=4)?).ok()?;
        NaiveDate::from_ymd_opt(year, number(m, 1..=2)?, number(d, 1..=2)?)
    };
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        return ymd(&text[..4], &text[4..6], &text[6..]);
    }
    if let Some(rest) = text.strip_suffix('日') {
        let (y, rest) = rest.split_once('年')?;
        let (m, d) = rest.split_once('月')?;
        return ymd(y, m, d);
    }
    let separator = text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let mut parts = text.split(separator);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    ymd(y, m, d)
}

/// `0:00`, `14:05`, `23:59:59`: hours of one or two digits, minutes and
/// seconds of two.
fn is_time_of_day(text: &str) -> bool {
    let mut parts = text.split(':');
    let field = |part: Option<&str>, widths: std::ops::RangeInclusive<usize>, below: u32| {
        part.is_some_and(|p| {
            widths.contains(&p.len())
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u32>().is_ok_and(|n| n < below)
        })
    };
    let (h, m, s) = (parts.next(), parts.next(), parts.next());
    field(h, 1..=2, 24)
        && field(m, 2..=2, 60)
        && (s.is_none() || field(s, 2..=2, 60))
        && parts.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn parses_the_usual_forms() {
        let june30 = NaiveDate::from_ymd_opt(2021, 6, 30).unwrap();
        for form in [
            "2021-06-30",
            "2021/6/30",
            "2021.06.30",
            "20210630",
            "2021年6月30日",
            " 2021/6/30 0:00:00 ",
            "2021-06-30 23:59:59",
            "2021-06-30 14:05",
            "２０２１-０６-３０",
            "\u{feff}2021-06-30",
        ] {
            assert_eq!(d(form), june30, "{form}");
        }
        assert_eq!(parse_date(""), Err(DateError::Empty));
        assert!(matches!(
            parse_date("2021-02-30"),
            Err(DateError::Malformed(_))
        ));
        assert!(matches!(parse_date("June"), Err(DateError::Malformed(_))));
    }

    #[test]
    fn a_month_end_exists_for_months_one_to_twelve_only() {
        let year = FiscalYear::new(2021).unwrap();
        assert_eq!(year.month_end(2), NaiveDate::from_ymd_opt(2021, 2, 28));
        assert_eq!(year.month_end(12), NaiveDate::from_ymd_opt(2021, 12, 31));
        for month in [0, 13, u32::MAX] {
            assert_eq!(year.month_end(month), None, "{month}");
        }
    }

    #[test]
    fn a_month_is_written_as_a_date_is_and_nothing_else() {
        assert_eq!(parse_month("2021-06"), Some((2021, 6)));
        assert_eq!(parse_month("2021/6"), Some((2021, 6)));
        assert_eq!(parse_month("２０２１-０６"), Some((2021, 6)));
        for bad in [
            "2021-13",
            "2021-06-01",
            "21-06",
            "2021",
            "+2021-06",
            "2021-06 x",
            "",
            "06",
        ] {
            assert_eq!(parse_month(bad), None, "{bad}");
        }
    }

    #[test]
    fn refuses_anything_but_a_whole_date() {
        for bad in [
            "2021063",
            "202106300",
            "+2021-06-30",
            "-2021-06-30",
            "2021-06-30 garbage",
            "2021-06-30 25:99:99",
            "2021-06-30 24:00",
            "2021-06-30 1:5",
            "2021-06-30 12:00:00:00",
            "2021-06-30T00:00:00",
            "2021-06/30",
            "2021-06-30-",
            "21-06-30",
            "02021-06-30",
            "2021-006-30",
            "2021-6-",
            "2021年6月30",
            "2021年6月30日 x",
            "2021-0x-30",
            "2021 -06-30",
            "2021-06-\u{200b}30",
            "2021.06.30.",
            "2021/+6/30",
        ] {
            assert!(
                matches!(parse_date(bad), Err(DateError::Malformed(_))),
                "{bad:?} was accepted"
            );
        }
    }

    #[test]
    fn time_progress_by_day_and_by_month() {
        let y = FiscalYear::new(2021).unwrap();
        assert_eq!(y.time_progress(d("2021-12-31")).to_string(), "100.00");
        assert_eq!(y.time_progress(d("2021-01-01")).to_string(), "0.27"); // 1/365
        assert_eq!(y.time_progress(d("2021-07-02")).to_string(), "50.14"); // 183/365
        assert_eq!(y.time_progress(d("2020-05-01")).to_string(), "0.27"); // clamped
        assert_eq!(y.time_progress(d("2022-05-01")).to_string(), "100.00");
        let leap = FiscalYear::new(2024).unwrap();
        assert_eq!(leap.days(), 366);
        assert_eq!(leap.time_progress(d("2024-07-01")).to_string(), "50.00"); // 183/366
        assert_eq!(FiscalYear::month_progress(6).to_string(), "50.00");
        assert_eq!(FiscalYear::month_progress(1).to_string(), "8.33");
        assert_eq!(y.month_end(2), Some(d("2021-02-28")));
        assert_eq!(y.month_end(12), Some(d("2021-12-31")));
        assert_eq!(y.month_end(13), None);
    }

    proptest! {
        #[test]
        fn every_written_form_of_a_day_reads_back(days in 0i64..80_000) {
            let day = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Days::new(days as u64);
            for form in ["%Y-%m-%d", "%Y/%-m/%-d", "%Y.%m.%d", "%Y%m%d", "%Y年%-m月%-d日", "%Y/%-m/%-d 0:00:00"] {
                prop_assert_eq!(parse_date(&day.format(form).to_string()), Ok(day));
            }
        }

        #[test]
        fn text_after_a_date_is_refused(tail in "[a-z+]{1,4}|[0-9]{1,2}") {
            let (after, before) = (format!("2021-06-30{tail}"), format!("{tail}2021-06-30"));
            prop_assert!(parse_date(&after).is_err(), "{}", after);
            prop_assert!(parse_date(&before).is_err(), "{}", before);
        }

        #[test]
        fn progress_is_monotone_and_bounded(year in 1990i32..2200, a in 1u32..=366, b in 1u32..=366) {
            let y = FiscalYear::new(year).unwrap();
            let day = |n: u32| y.first_day() + chrono::Days::new(u64::from(n.min(y.days()) - 1));
            let (pa, pb) = (y.time_progress(day(a)), y.time_progress(day(b)));
            prop_assert!(pa > Decimal::ZERO && pa <= Decimal::ONE_HUNDRED);
            if a <= b { prop_assert!(pa <= pb); }
        }
    }
}
