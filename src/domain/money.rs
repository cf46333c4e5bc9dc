//! Money: yuan with two decimals, exact. 金额（元，两位小数）.
//!
//! Every amount in outlay is a [`Money`]; there is no float anywhere on the path
//! from input to report. Input accepts what finance staff type or paste —
//! `1295000`, `1,295,000.00`, `129.5万`, `129.5 万元`, `¥1,200` — and output is
//! yuan or 万元 at the user's choice.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::refusal::Refusal;

/// An exact amount of yuan, always held at two decimals (fen).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(Decimal);

/// The unit amounts are shown in: 元 or 万元 (the report's unit).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    #[default]
    Yuan,
    Wan,
}

/// Why a piece of text is not an amount of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("no amount given")]
    Empty,
    #[error("'{0}' is not an amount (write e.g. 1295000, 1,295,000.00 or 129.5万)")]
    Malformed(String),
    #[error("'{0}' has more precision than a fen (0.01 yuan)")]
    TooPrecise(String),
    #[error("'{0}' is too large to be an amount")]
    TooLarge(String),
}

const TEN_THOUSAND: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);
/// The bound every amount and every line's total stays under, either way:
/// |amount| < 10^13 元 (ten trillion yuan). Larger figures are typing errors,
/// not budgets; and at this bound a report could add up 10^11 stored values,
/// ×100 ÷ 0.01 for a rate, and still stay inside `Decimal`'s 7.9 × 10^28.
pub const MAX_AMOUNT: Money = Money(Decimal::from_parts(0xA4C6_8000, 0x3_8D7E, 0, false, 2)); // 10^13.00
const LIMIT: Decimal = MAX_AMOUNT.0;

impl Money {
    /// Zero at two decimals, so it prints as `0.00` like every other amount.
    pub const ZERO: Money = Money(Decimal::from_parts(0, 0, 0, false, 2));

    /// Wraps a decimal that is already exact to the fen; `None` when it is not.
    pub fn from_decimal(value: Decimal) -> Option<Money> {
        let rounded = value.round_dp(2);
        (rounded == value).then(|| Money::normalised(rounded))
    }

    /// Whole yuan plus fen, for code that builds amounts (demo data, tests).
    pub fn from_fen(fen: i64) -> Money {
        Money::normalised(Decimal::new(fen, 2))
    }

    fn normalised(mut value: Decimal) -> Money {
        value.rescale(2);
        Money(value)
    }

    pub fn as_decimal(self) -> Decimal {
        self.0
    }

    /// The amount in fen, the unit a sum can be checked in exactly.
    pub fn fen(self) -> i128 {
        self.0.mantissa()
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    pub fn is_positive(self) -> bool {
        self.0.is_sign_positive() && !self.0.is_zero()
    }

    pub fn abs(self) -> Money {
        Money(self.0.abs())
    }

    /// Plain machine form: `1329120.67`, no grouping; the JSON and CSV form.
    pub fn plain(self) -> String {
        self.0.to_string()
    }

    /// Human form in the chosen unit: `1,329,120.67` in 元, `132.9121` in 万元
    /// (up to four decimals, at least two, as the report writes them).
    pub fn display(self, unit: Unit) -> String {
        group_thousands(&self.plain_in(unit))
    }

    /// [`Money::display`] without grouping, for a spreadsheet to read as a
    /// number: `1329120.67` in 元, `132.9121` in 万元.
    pub fn plain_in(self, unit: Unit) -> String {
        match unit {
            Unit::Yuan => self.plain(),
            Unit::Wan => {
                let mut wan = (self.0 / TEN_THOUSAND)
                    .round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero)
                    .normalize();
                if wan.scale() < 2 {
                    wan.rescale(2);
                }
                wan.to_string()
            }
        }
    }

    /// The amount in `unit`, exact: a fen is 0.01 元 and 0.000001 万元.
    fn in_unit(self, unit: Unit) -> Decimal {
        match unit {
            Unit::Yuan => self.0,
            Unit::Wan => self.0 / TEN_THOUSAND,
        }
    }

    /// The amount in `unit` with exactly `scale` decimals, ungrouped, for a
    /// spreadsheet: `1335.888000` at 6 in 万元. A scale from
    /// [`column_scale`] writes it exactly; a smaller one rounds half away
    /// from zero.
    pub fn plain_scaled(self, unit: Unit, scale: u32) -> String {
        let mut value = self
            .in_unit(unit)
            .round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero);
        value.rescale(scale);
        if value.is_zero() {
            value.set_sign_positive(true);
        }
        value.to_string()
    }

    /// [`Money::plain_scaled`] grouped in thousands, for people:
    /// `1,335.8880` at 4 in 万元.
    pub fn display_scaled(self, unit: Unit, scale: u32) -> String {
        group_thousands(&self.plain_scaled(unit, scale))
    }

    /// A lone amount, as a sentence, a title or a gauge shows it: in 元
    /// exact, as [`Money::display`]; in 万元 two decimals, grouped, with a
    /// leading [`ROUNDED_MARK`] when the rounding hid a yuan, jiao or fen:
    /// `625.00`, `≈626.00` for 625.9998 万元. A reader sees at once the amount
    /// is not exact, and a column of such amounts still lines up.
    pub fn display_lone(self, unit: Unit) -> String {
        let shown = self.display_scaled(unit, 2);
        if unit == Unit::Wan && self.in_unit(unit).round_dp(2) != self.in_unit(unit) {
            format!("{ROUNDED_MARK}{shown}")
        } else {
            shown
        }
    }

    /// The amount in 万元 rounded half-up to two decimals, as report tables show it.
    pub fn wan_2dp(self) -> Decimal {
        (self.0 / TEN_THOUSAND).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    }
}

/// Marks a lone amount rounded to two decimals of 万元: read the same in zh
/// and en ("about"), and not a sign a number could carry.
pub const ROUNDED_MARK: char = '≈';

/// The most decimals an amount in 万元 can need: a fen is 0.000001 万元.
pub const MAX_WAN_SCALE: u32 = 6;

/// How many decimals a column of amounts is written with, so that every
/// cell of it has the same number and each is exact: in 元 always two; in
/// 万元 the most any of `values` needs, never fewer than two and at most
/// [`MAX_WAN_SCALE`]. `[1335.888万, 625.9998万, 12万]` → 4, `[1万, 2.5万]` → 2.
/// Give it every cell of the column, its totals too, then write each with
/// [`Money::display_scaled`] or [`Money::plain_scaled`].
pub fn column_scale(values: impl IntoIterator<Item = Money>, unit: Unit) -> u32 {
    match unit {
        Unit::Yuan => 2,
        Unit::Wan => values
            .into_iter()
            .map(|m| m.in_unit(Unit::Wan).normalize().scale())
            .fold(2, u32::max)
            .min(MAX_WAN_SCALE),
    }
}

/// `1234567.89` → `1,234,567.89`; keeps a leading minus.
pub fn group_thousands(plain: &str) -> String {
    let (sign, digits) = plain
        .strip_prefix('-')
        .map_or(("", plain), |rest| ("-", rest));
    let (int, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::with_capacity(plain.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Parses an amount as finance staff write it.
///
/// The whole field is: an optional sign, an optional `¥`, the number, and an
/// optional unit `元`, `万` or `万元` (one space may stand before the unit:
/// `129.5 万元`). The number is digits with an optional fraction; commas (also
/// full-width `，`) may group its whole part in threes (`1,295,000.00`), and
/// nowhere else. Full-width digits read as digits (`１２３`). No other space,
/// letter or mark is allowed: `5 5.5`, `12 ,000`, `1,2345` and `1e5` are not
/// amounts. A sign is allowed (callers that need a positive amount check it
/// themselves, to name their own field).
pub fn parse_amount(input: &str) -> Result<Money, MoneyError> {
    let text = super::text::for_parsing(input);
    if text.is_empty() {
        return Err(MoneyError::Empty);
    }
    let shown = || super::text::escape(&text).into_owned();
    let malformed = || MoneyError::Malformed(shown());
    let (number, multiplier) = split_unit(&text);
    let (negative, number) = match number.as_bytes().first() {
        Some(b'-') => (true, &number[1..]),
        Some(b'+') => (false, &number[1..]),
        _ => (false, number),
    };
    let number = number.strip_prefix('¥').unwrap_or(number);
    let digits = without_grouping(number).ok_or_else(malformed)?;
    let too_large = || MoneyError::TooLarge(shown());
    if digits.split('.').next().unwrap_or("").len() > 20 {
        return Err(too_large());
    }
    let magnitude = Decimal::from_str(&digits).map_err(|_| malformed())?;
    let number = if negative { -magnitude } else { magnitude };
    let value = number.checked_mul(multiplier).ok_or_else(too_large)?;
    if value.abs() >= LIMIT {
        return Err(too_large());
    }
    Money::from_decimal(value.normalize()).ok_or_else(|| MoneyError::TooPrecise(shown()))
}

/// The number and its multiplier: `129.5 万元` → (`129.5`, 10 000). One
/// space may stand before the unit, none without one.
fn split_unit(text: &str) -> (&str, Decimal) {
    for (unit, multiplier) in [
        ("万元", TEN_THOUSAND),
        ("万", TEN_THOUSAND),
        ("元", Decimal::ONE),
    ] {
        if let Some(rest) = text.strip_suffix(unit) {
            return (rest.strip_suffix(' ').unwrap_or(rest), multiplier);
        }
    }
    (text, Decimal::ONE)
}

/// The digits of a number with thousands separators where they belong, and
/// nothing else: `1,295,000.00` → `1295000.00`; `1,5`, `12,34.5`, `1 000`,
/// `.5`, `5.` and `1e5` → `None`.
fn without_grouping(number: &str) -> Option<String> {
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (whole, fraction) = match number.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (number, None),
    };
    if fraction.is_some_and(|f| !all_digits(f)) {
        return None;
    }
    let mut groups = whole.split(',');
    let first = groups.next()?;
    let grouped = whole.contains(',');
    let well_formed = all_digits(first)
        && (!grouped || first.len() <= 3)
        && groups.all(|g| g.len() == 3 && all_digits(g));
    well_formed.then(|| {
        let whole = whole.replace(',', "");
        match fraction {
            Some(f) => format!("{whole}.{f}"),
            None => whole,
        }
    })
}

impl Money {
    /// Whether an amount or a total stays inside [`MAX_AMOUNT`], so that every
    /// stored figure can be typed back in and every sum of them is exact.
    pub fn within_limit(self) -> bool {
        self.0.abs() < LIMIT
    }

    /// Refuses an amount outside [`MAX_AMOUNT`], naming the field.
    pub fn check_bound(self, field: &'static str) -> Result<(), Refusal> {
        if self.within_limit() {
            return Ok(());
        }
        Err(Refusal::field_in(
            field,
            format!(
                "{} is out of bounds: an amount must be under 10,000,000,000,000 yuan (10^13) either way",
                self.plain()
            ),
            format!(
                "{} 超出范围：金额的绝对值须小于 10,000,000,000,000 元（10^13）",
                self.plain()
            ),
        ))
    }

    /// `self + rhs`, or `None` past what a decimal holds.
    pub fn checked_add(self, rhs: Money) -> Option<Money> {
        self.0.checked_add(rhs.0).map(Money)
    }
}

impl Default for Money {
    fn default() -> Money {
        Money::ZERO
    }
}

impl FromStr for Money {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_amount(s)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.plain())
    }
}

// Sums saturate instead of panicking. The store refuses to read a value past
// MAX_AMOUNT, so no sum of stored values comes near saturation; if one ever
// did, the result would be far outside MAX_AMOUNT, where `within_limit` and
// every write's bound check see it, and a report still renders.
impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0.saturating_add(rhs.0))
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        *self = *self + rhs;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0.saturating_sub(rhs.0))
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        *self = *self - rhs;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

// Stored and exchanged as the plain string, so no float ever carries an amount.
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.plain())
    }
}

// Reads the plain form only, and without the bound: the store checks it per
// record (naming the record) and the ledger's commands per field.
impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Decimal::from_str(&text)
            .ok()
            .and_then(Money::from_decimal)
            .ok_or_else(|| serde::de::Error::custom(format!("'{text}' is not a stored amount")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn yuan(s: &str) -> Money {
        parse_amount(s).unwrap()
    }

    #[test]
    fn accepts_the_forms_staff_type() {
        assert_eq!(yuan("1295000").plain(), "1295000.00");
        assert_eq!(yuan("1,295,000.00").plain(), "1295000.00");
        assert_eq!(yuan("129.5万").plain(), "1295000.00");
        assert_eq!(yuan("129.5 万元").plain(), "1295000.00");
        assert_eq!(yuan("¥1,200元").plain(), "1200.00");
        assert_eq!(yuan("20.9425万").plain(), "209425.00");
        assert_eq!(yuan("-41.92万").plain(), "-419200.00");
        assert_eq!(yuan("0.000001万").plain(), "0.01");
        assert_eq!(yuan("１２３").plain(), "123.00");
        assert_eq!(yuan("１，２９５，０００．００").plain(), "1295000.00");
        assert_eq!(yuan("￥1,200").plain(), "1200.00");
        assert_eq!(yuan("-¥1,200").plain(), "-1200.00");
        assert_eq!(yuan("129.5\u{3000}万元").plain(), "1295000.00");
        assert_eq!(yuan("\u{feff}1200").plain(), "1200.00");
        assert_eq!(yuan(" 1200 ").plain(), "1200.00");
    }

    #[test]
    fn refuses_inner_spaces_and_stray_marks() {
        for bad in [
            "5 5.5",
            "12 ,000",
            "1 000",
            "1,2345",
            "12,34",
            "1,234,56",
            "1,,234",
            "1,234,",
            "129.5  万元",
            "129.5 万 元",
            "1 2万",
            "¥ 1200",
            "¥-5",
            "--5",
            "+-5",
            "- 5",
            "5-",
            ".5",
            "5.",
            "1.2.3",
            "1e1",
            "0x10",
            "1_000",
            "12\u{200b}34",
            "1,000.000,0",
            "5元元",
            "5万万",
            "NaN",
            "∞",
            "١٢٣",
            "1²",
            "①",
            "½",
        ] {
            assert!(
                matches!(parse_amount(bad), Err(MoneyError::Malformed(_))),
                "{bad:?} was accepted: {:?}",
                parse_amount(bad)
            );
        }
    }

    #[test]
    fn refuses_what_is_not_money() {
        assert_eq!(parse_amount("  "), Err(MoneyError::Empty));
        assert!(matches!(parse_amount("12a"), Err(MoneyError::Malformed(_))));
        assert!(matches!(
            parse_amount("1.2.3"),
            Err(MoneyError::Malformed(_))
        ));
        assert!(matches!(parse_amount("万"), Err(MoneyError::Malformed(_))));
        assert!(matches!(parse_amount("1e5"), Err(MoneyError::Malformed(_))));
        // commas only as thousands separators
        for misplaced in [
            "1,5",
            "12,34.5",
            "1,234.5,6",
            ",123",
            "1,2345",
            "1234,567.00",
        ] {
            assert!(
                matches!(parse_amount(misplaced), Err(MoneyError::Malformed(_))),
                "{misplaced}"
            );
        }
        assert_eq!(parse_amount("-1,234,567.5").unwrap().plain(), "-1234567.50");
        assert_eq!(parse_amount("1，295，000").unwrap().plain(), "1295000.00");
        assert!(matches!(
            parse_amount(&"9".repeat(30)),
            Err(MoneyError::TooLarge(_))
        ));
        assert!(matches!(
            parse_amount("0.001"),
            Err(MoneyError::TooPrecise(_))
        ));
        assert!(matches!(
            parse_amount("0.0000001万"),
            Err(MoneyError::TooPrecise(_))
        ));
        assert!(matches!(
            parse_amount("99999999999999999999"),
            Err(MoneyError::TooLarge(_))
        ));
    }

    #[test]
    fn displays_in_yuan_and_wan() {
        assert_eq!(yuan("1329120.67").display(Unit::Yuan), "1,329,120.67");
        assert_eq!(yuan("-1000").display(Unit::Yuan), "-1,000.00");
        assert_eq!(yuan("999").display(Unit::Yuan), "999.00");
        assert_eq!(yuan("4076200").display(Unit::Wan), "407.62");
        assert_eq!(yuan("85820").display(Unit::Wan), "8.582");
        assert_eq!(yuan("209425").display(Unit::Wan), "20.9425");
        assert_eq!(yuan("300000").display(Unit::Wan), "30.00");
        assert_eq!(yuan("12345678901").display(Unit::Wan), "1,234,567.8901");
        // 0.5 fen of a 万 rounds half-up at four decimals
        assert_eq!(yuan("0.50").display(Unit::Wan), "0.0001");
        // the same figures ungrouped, for spreadsheets
        assert_eq!(yuan("12345678901").plain_in(Unit::Wan), "1234567.8901");
        assert_eq!(yuan("1329120.67").plain_in(Unit::Yuan), "1329120.67");
    }

    #[test]
    fn a_column_shows_every_cell_with_the_decimals_its_most_precise_cell_needs() {
        let column = [yuan("1335.888万"), yuan("625.9998万"), yuan("12万")];
        assert_eq!(column_scale(column, Unit::Wan), 4);
        let cells: Vec<String> = column
            .iter()
            .map(|m| m.display_scaled(Unit::Wan, 4))
            .collect();
        assert_eq!(cells, ["1,335.8880", "625.9998", "12.0000"]);
        // never fewer than two
        assert_eq!(column_scale([yuan("1万"), yuan("2.5万")], Unit::Wan), 2);
        assert_eq!(yuan("2.5万").display_scaled(Unit::Wan, 2), "2.50");
        assert_eq!(column_scale([], Unit::Wan), 2);
        assert_eq!(column_scale([Money::ZERO], Unit::Wan), 2);
        // a fen needs all six, and a negative cell counts like a positive one
        assert_eq!(column_scale([yuan("30万"), yuan("0.01")], Unit::Wan), 6);
        assert_eq!(column_scale([yuan("-693699.47")], Unit::Wan), 6);
        assert_eq!(column_scale([yuan("-0.50")], Unit::Wan), 5);
        assert_eq!(yuan("0.01").display_scaled(Unit::Wan, 6), "0.000001");
        assert_eq!(
            yuan("-12345678901.23").display_scaled(Unit::Wan, 6),
            "-1,234,567.890123"
        );
        // in 元 always two
        assert_eq!(column_scale([yuan("0.01"), yuan("3")], Unit::Yuan), 2);
        assert_eq!(
            yuan("1329120.67").display_scaled(Unit::Yuan, 2),
            "1,329,120.67"
        );
        // ungrouped, for a spreadsheet
        assert_eq!(yuan("1335.888万").plain_scaled(Unit::Wan, 4), "1335.8880");
        assert_eq!(yuan("1329120.67").plain_scaled(Unit::Yuan, 2), "1329120.67");
        // a smaller scale than the value needs rounds half away from zero, and
        // a rounded zero has no sign
        assert_eq!(yuan("85850").plain_scaled(Unit::Wan, 2), "8.59");
        assert_eq!(yuan("-85850").plain_scaled(Unit::Wan, 2), "-8.59");
        assert_eq!(yuan("-0.40").plain_scaled(Unit::Wan, 4), "0.0000");
    }

    #[test]
    fn a_lone_amount_in_wan_shows_two_decimals_and_marks_what_rounding_hid() {
        // exact at two decimals: no mark
        assert_eq!(yuan("6,250,000").display_lone(Unit::Wan), "625.00");
        assert_eq!(yuan("4076200").display_lone(Unit::Wan), "407.62");
        assert_eq!(yuan("12345678900").display_lone(Unit::Wan), "1,234,567.89");
        assert_eq!(Money::ZERO.display_lone(Unit::Wan), "0.00");
        // rounded: half away from zero, marked
        assert_eq!(yuan("6259998").display_lone(Unit::Wan), "≈626.00");
        assert_eq!(yuan("85820").display_lone(Unit::Wan), "≈8.58");
        assert_eq!(yuan("85850").display_lone(Unit::Wan), "≈8.59");
        assert_eq!(yuan("0.01").display_lone(Unit::Wan), "≈0.00");
        // negative: the mark before the sign; a rounded zero has no sign
        assert_eq!(yuan("-41.92万").display_lone(Unit::Wan), "-41.92");
        assert_eq!(yuan("-85850").display_lone(Unit::Wan), "≈-8.59");
        assert_eq!(yuan("-0.40").display_lone(Unit::Wan), "≈0.00");
        // 元 is exact with two decimals already: as display, never marked
        for m in [yuan("1329120.67"), yuan("-1000"), yuan("0.01"), Money::ZERO] {
            assert_eq!(m.display_lone(Unit::Yuan), m.display(Unit::Yuan));
        }
        assert_eq!(yuan("1329120.67").display_lone(Unit::Yuan), "1,329,120.67");
    }

    #[test]
    fn a_stored_total_past_the_bound_still_writes() {
        let big: Money = serde_json::from_str("\"18000000000000.00\"").unwrap();
        let scale = column_scale([big, yuan("0.01")], Unit::Wan);
        assert_eq!(scale, 6);
        assert_eq!(big.plain_scaled(Unit::Wan, scale), "1800000000.000000");
        let huge = Money(Decimal::MAX);
        assert!(column_scale([huge], Unit::Wan) <= MAX_WAN_SCALE);
        assert!(!huge.display_scaled(Unit::Wan, 6).is_empty());
        assert!(!huge.display_scaled(Unit::Yuan, 2).is_empty());
    }

    proptest! {
        #[test]
        fn a_column_is_exact_and_aligned(fens in proptest::collection::vec(-10_000_000_000_000i64..10_000_000_000_000i64, 1..20)) {
            let column: Vec<Money> = fens.iter().map(|&f| Money::from_fen(f)).collect();
            for unit in [Unit::Yuan, Unit::Wan] {
                let scale = column_scale(column.iter().copied(), unit);
                for m in &column {
                    let cell = m.display_scaled(unit, scale);
                    let decimals = cell.split_once('.').map_or(0, |(_, f)| f.len());
                    prop_assert_eq!(decimals as u32, scale, "{}", cell);
                    let back = match unit {
                        Unit::Yuan => parse_amount(&cell),
                        Unit::Wan => parse_amount(&format!("{cell}万")),
                    };
                    prop_assert_eq!(back.unwrap(), *m, "{}", cell);
                }
            }
        }
    }

    #[test]
    fn zero_prints_with_two_decimals() {
        assert_eq!(Money::ZERO.plain(), "0.00");
        assert_eq!(Money::default().plain(), "0.00");
        assert_eq!(Money::ZERO.display(Unit::Wan), "0.00");
        let none: Money = std::iter::empty::<Money>().sum();
        assert_eq!(none.plain(), "0.00");
    }

    #[test]
    fn stored_totals_beyond_the_input_limit_still_read_back() {
        let big: Money = serde_json::from_str("\"18000000000000.00\"").unwrap();
        assert_eq!(big.fen(), 1_800_000_000_000_000);
        assert!(!big.within_limit());
        assert!(serde_json::from_str::<Money>("\"12a\"").is_err());
    }

    #[test]
    fn the_bound_is_ten_trillion_yuan_either_way() {
        assert_eq!(MAX_AMOUNT.plain(), "10000000000000.00");
        let just_under = yuan("9999999999999.99");
        assert!(just_under.check_bound("amount").is_ok());
        assert!((-just_under).check_bound("amount").is_ok());
        let e = MAX_AMOUNT.check_bound("amount").unwrap_err();
        assert_eq!(e.field_name(), "amount");
        assert!(e.to_string().contains("10^13"), "{e}");
        assert!((-MAX_AMOUNT).check_bound("amount").is_err());
        assert!(parse_amount("10000000000000").is_err());
    }

    #[test]
    fn sums_past_a_decimal_saturate_instead_of_panicking() {
        let huge = Money(Decimal::MAX);
        let total: Money = [huge, huge, huge].iter().sum();
        assert!(!total.within_limit());
        assert!(!(-huge - huge).within_limit());
        assert_eq!(huge.checked_add(huge), None);
        assert_eq!(yuan("1").checked_add(yuan("2")), Some(yuan("3")));
    }

    #[test]
    fn serde_round_trips_as_a_string() {
        let m = yuan("1,234.5");
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, "\"1234.50\"");
        assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
    }

    proptest! {
        #[test]
        fn any_fen_amount_round_trips_through_every_written_form(fen in -10_000_000_000_000i64..10_000_000_000_000i64) {
            let m = Money::from_fen(fen);
            prop_assert_eq!(parse_amount(&m.plain()).unwrap(), m);
            prop_assert_eq!(parse_amount(&m.display(Unit::Yuan)).unwrap(), m);
            prop_assert_eq!(m.fen(), i128::from(fen));
        }

        #[test]
        fn wan_input_is_ten_thousand_yuan(fen in 0i64..100_000_000_000) {
            // any amount of 万 with up to six decimals is an exact number of fen
            let m = Money::from_fen(fen);
            let wan = m.as_decimal() / Decimal::from(10_000);
            prop_assert_eq!(parse_amount(&format!("{wan}万")).unwrap(), m);
        }

        #[test]
        fn full_width_digits_read_as_digits(fen in -10_000_000_000_000i64..10_000_000_000_000i64) {
            let m = Money::from_fen(fen);
            let wide: String = m
                .display(Unit::Yuan)
                .chars()
                .map(|c| match c {
                    '0'..='9' => char::from_u32(u32::from(c) - u32::from('0') + 0xFF10).unwrap(),
                    ',' => '，',
                    '.' => '．',
                    '-' => '－',
                    c => c,
                })
                .collect();
            prop_assert_eq!(parse_amount(&wide).unwrap(), m);
        }

        #[test]
        fn a_space_or_a_misplaced_comma_inside_a_number_is_refused(
            a in "[0-9]{1,6}", b in "[0-9]{1,6}", gap in "[ ,\u{3000}]| ,|, "
        ) {
            let text = format!("{a}{gap}{b}");
            let grouped = gap == "," && b.len() == 3 && a.len() <= 3;
            prop_assume!(!grouped);
            prop_assert!(matches!(parse_amount(&text), Err(MoneyError::Malformed(_))), "{}", text);
        }

        #[test]
        fn sums_are_exact(a in proptest::collection::vec(-1_000_000_000i64..1_000_000_000, 0..50)) {
            let total: Money = a.iter().map(|&f| Money::from_fen(f)).sum();
            prop_assert_eq!(total.fen(), a.iter().map(|&f| i128::from(f)).sum::<i128>());
        }
    }
}
